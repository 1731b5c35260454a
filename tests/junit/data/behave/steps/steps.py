from behave import given, then

@given("a number {n:d}")
def step_number(context, n):
    context.n = n

@then("it is {n:d}")
def step_is(context, n):
    assert context.n == n
