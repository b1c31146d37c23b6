// hex, run and pemFile come from TestSupport (shared with PKITests).
@_exported import TestSupport
