"""Word lists shared by the stages (one list per notion, so two stages never disagree)."""
