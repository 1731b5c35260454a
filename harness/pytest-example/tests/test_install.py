import os
import urllib.request


def test_serving():
    with urllib.request.urlopen(os.environ["SITE_URL"] + "/", timeout=5) as response:
        assert response.status == 200
