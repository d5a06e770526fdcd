"""The supervising office's side: units' progress on a task list (gwdesk.task-progress/1) rolled up."""
