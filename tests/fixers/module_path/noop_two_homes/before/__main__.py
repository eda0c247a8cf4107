import stack

stack.build()
