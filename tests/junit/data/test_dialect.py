import pytest
def test_pass(): pass
def test_fail(): assert 1 == 2
@pytest.fixture
def broken(): raise RuntimeError("boom")
def test_setup_error(broken): pass
def test_skip(): pytest.skip("nope")
@pytest.mark.xfail(reason="bug 993")
def test_xfail(): assert False
@pytest.mark.xfail(reason="fixed", strict=True)
def test_xpass_strict(): pass
@pytest.mark.xfail(reason="fixed")
def test_xpass_lax(): pass
def test_imperative_xfail(): pytest.xfail("imperative")
@pytest.fixture
def bad_teardown():
    yield
    raise RuntimeError("teardown")
def test_fail_and_teardown(bad_teardown): assert False
class TestK:
    def test_m(self): pass
