"""Generation M charity: learners' activity turned into exact donations for partner funds."""
