"""The warehouse's SQL, shipped as package data: one object per file (see README, The warehouse)."""
