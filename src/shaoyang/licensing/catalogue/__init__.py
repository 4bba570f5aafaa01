"""The item catalogue (事项清单): licensing items with codes, versions and service guides."""
