"""seed_demo content of the community (search+demo area): written next."""
