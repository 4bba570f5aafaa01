"""Case files (案卷) and the records inside them: application, opinions, decision, delivery,
attachments and supervision documents."""
