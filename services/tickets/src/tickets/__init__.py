"""The tickets service: owns tickets, comments, labels, attachments and their history."""
