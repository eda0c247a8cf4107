import pulumi


def first_letters(words):
    for string in words:
        yield string[0]


def describe():
    return string


pulumi.export("last", describe())
