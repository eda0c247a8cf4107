import pulumi_random as random

random.RandomPassword("db", length=16)
