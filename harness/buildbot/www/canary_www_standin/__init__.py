# The smallest honest stand-in for buildbot-www, which Debian does not package. A master whose
# config sets c['www'] refuses to start without a `buildbot.www` entry point named `base`; the
# REST API (/api/v2) is Buildbot's own code and needs nothing from it. This registers `base`
# with an index page that says there is no UI, so the master serves its REST API and nothing
# pretends to be Buildbot's web interface.
from buildbot.www.plugin import Application

ep = Application(__name__, "Canary's REST-only stand-in for buildbot-www (no web UI)", ui=False)
