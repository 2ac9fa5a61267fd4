"""The NOD schedule: the week built by a solver within SanPiN, checked, corrected, approved."""
