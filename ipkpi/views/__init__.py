"""The answers as people and programs read them: table rows, JSON documents in their
documented schemas, one-sentence readings and titles. No I/O."""
