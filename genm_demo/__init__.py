"""The embedded demo and test host: the XBlock workbench set up the way the LMS sets up a plugin.

Not part of the installed distribution; ``make demo`` and the test tiers run it from the repository.
"""
