"""Background task (django-tasks): send an issue that an editor started, in batches."""

from django_tasks import task


@task()
def send_issue(issue_id: int):
    from newsletter import sending

    return sending.send_issue(issue_id)
