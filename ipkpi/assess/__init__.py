"""The answers, with no text for people: where targets stand (the engine), tasks against
their deadlines, claims under reward rules, the figures a year needs, places compared."""
