"""Database models of the creative-work app. Other code reaches them only through api.py."""
import uuid

from django.conf import settings
from django.db import models

from .data import AgeGroup


class ParticipantProfile(models.Model):
    """
    The age band, region and public nickname a learner gives once, used by contests and the gallery.

    No birth date, school or exact location is stored: the age band and the region are all a contest needs.

    .. pii: The learner's self-chosen nickname; with age band and region it describes a child.
    .. pii_types: name, other
    .. pii_retirement: local_api
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="genm_profile", primary_key=True
    )
    age_group = models.CharField(max_length=5, choices=[(group.value, group.value) for group in AgeGroup])
    region_code = models.CharField(max_length=6, help_text="ISO 3166-2:RU code, e.g. RU-MOW")
    nickname = models.CharField(max_length=32, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["region_code", "age_group"], name="genm_profile_region_age")]

    def __str__(self):
        return f"profile of user {self.user_id}"


class Work(models.Model):
    """
    One learner's creative work in one CreativeWork block: a title, a description and files.

    A learner has at most one work per block; resubmitting reuses it, and edx-submissions keeps every attempt.
    ``age_group``, ``region_code`` and ``public_name`` are copied in at submit time so the gallery filters and shows
    works without joining profiles.

    .. pii: The title and description a learner wrote, staff feedback on them, and the learner's public name.
    .. pii_types: name, other
    .. pii_retirement: local_api
    """

    class Status(models.TextChoices):
        DRAFT = "draft"
        SUBMITTED = "submitted"
        IN_REVIEW = "in_review"
        PUBLISHED = "published"
        RETURNED = "returned"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="genm_works")
    course_key = models.CharField(max_length=255, db_index=True)
    block_key = models.CharField(max_length=255)
    title = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    gallery_opt_in = models.BooleanField(default=False)
    is_winner = models.BooleanField(default=False)
    return_reason = models.TextField(blank=True)
    submission_uuid = models.CharField(max_length=36, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    age_group = models.CharField(max_length=5, blank=True)
    region_code = models.CharField(max_length=6, blank=True)
    public_name = models.CharField(max_length=64, blank=True)
    nomination = models.CharField(max_length=100, blank=True)
    like_count = models.PositiveIntegerField(default=0)
    cover = models.ForeignKey("WorkFile", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    points_earned = models.PositiveIntegerField(null=True, blank=True)
    points_possible = models.PositiveIntegerField(null=True, blank=True)
    feedback = models.TextField(blank=True)
    graded_at = models.DateTimeField(null=True, blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "block_key"], name="genm_one_work_per_block")]
        indexes = [
            models.Index(fields=["block_key", "status", "submitted_at"], name="genm_work_block_status"),
            # The gallery's three orders, each read by keyset from its own index (see gallery.py).
            models.Index(fields=["course_key", "status", "-published_at", "-id"], name="genm_gallery_newest"),
            models.Index(fields=["course_key", "status", "-like_count", "-id"], name="genm_gallery_liked"),
            models.Index(fields=["course_key", "status", "-is_winner", "-published_at", "-id"],
                         name="genm_gallery_winners"),
        ]

    def __str__(self):
        return f"work {self.uuid}"


class WorkFile(models.Model):
    """
    A file of a work (or the feedback file staff return with a grade), kept in Django storage under a name the
    server generates; the learner's own file name is only shown, never used as a path.

    .. pii: A picture, recording, video or model a child made; images are stored without their metadata.
    .. pii_types: image, video, other
    .. pii_retirement: local_api
    """

    class Status(models.TextChoices):
        PROCESSING = "processing"
        READY = "ready"
        FAILED = "failed"

    class Role(models.TextChoices):
        WORK = "work"
        FEEDBACK = "feedback"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="files")
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.WORK)
    kind = models.CharField(max_length=16)
    content_type = models.CharField(max_length=100)
    display_name = models.CharField(max_length=255)
    size = models.BigIntegerField()
    storage_name = models.CharField(max_length=500)
    thumbnail_name = models.CharField(max_length=500, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROCESSING)
    error = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self):
        return f"file {self.uuid}"


class GuardianConsent(models.Model):
    """
    A parent's or guardian's consent to publish a child's works, as the guardian stated it: their name, the date
    and the exact text they agreed to. Revoking keeps the record and takes the child's works out of public view.

    .. pii: The guardian's name.
    .. pii_types: name
    .. pii_retirement: local_api
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="genm_consents")
    guardian_name = models.CharField(max_length=150)
    given_on = models.DateField()
    consent_text = models.TextField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "revoked_at"], name="genm_consent_active")]

    def __str__(self):
        return f"consent for user {self.user_id}"


class WorkExport(models.Model):
    """
    A zip of every work file of one block, built by a Celery task for course staff and kept for a short time.

    .. pii: The zip holds learners' files under their usernames.
    .. pii_types: username, image, video, other
    .. pii_retirement: local_api
    """

    class Status(models.TextChoices):
        PENDING = "pending"
        READY = "ready"
        FAILED = "failed"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    block_key = models.CharField(max_length=255, db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    storage_name = models.CharField(max_length=500, blank=True)
    file_count = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"export {self.uuid}"


class Like(models.Model):
    """
    One account's like of one published work; the unique pair is what makes a like count once.

    .. pii: Which works an account liked.
    .. pii_types: other
    .. pii_retirement: local_api
    """

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="likes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="genm_likes")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["work", "user"], name="genm_one_like_per_account")]
        indexes = [models.Index(fields=["user", "work"], name="genm_like_user")]

    def __str__(self):
        return f"like of work {self.work_id} by user {self.user_id}"


class Report(models.Model):
    """
    A learner's report of a published work; one per account and work, so reloading cannot inflate the count.

    .. pii: The reporter's account and the comment they wrote.
    .. pii_types: other
    .. pii_retirement: local_api
    """

    class Category(models.TextChoices):
        INAPPROPRIATE = "inappropriate"
        PERSONAL_INFO = "personal_info"
        COPIED = "copied"
        BULLYING = "bullying"
        OTHER = "other"

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="genm_reports")
    category = models.CharField(max_length=16, choices=Category.choices)
    comment = models.CharField(max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["work", "reporter"], name="genm_one_report_per_account")]
        indexes = [models.Index(fields=["work", "resolved_at"], name="genm_report_open")]

    def __str__(self):
        return f"report of work {self.work_id}"


class ModerationDecision(models.Model):
    """
    The audit trail of moderation: who did what to which work, when and why. Never edited, only added to.

    .. pii: The moderator's account and what they wrote about a child's work.
    .. pii_types: other
    .. pii_retirement: local_api
    """

    class Action(models.TextChoices):
        APPROVE = "approve"
        REJECT = "reject"
        UNPUBLISH = "unpublish"
        HIDE = "hide"

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="decisions")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    reason_code = models.CharField(max_length=20, blank=True)
    reason_text = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self):
        return f"{self.action} of work {self.work_id}"
