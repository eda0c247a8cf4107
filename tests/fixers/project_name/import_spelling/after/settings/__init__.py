"""Settings shared by every module."""
from .base import REGION_NAME

region_name = "eu-west-1"  # an older default, kept for the scripts
