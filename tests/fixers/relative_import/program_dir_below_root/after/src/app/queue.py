from helpers import h
from ...outside import o

q = h()
