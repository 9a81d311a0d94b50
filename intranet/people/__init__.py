"""Employee profiles, departments, locations, the org chart and the directory."""
