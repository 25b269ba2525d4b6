"""REST API v1 of the creative-work app, for pages outside the blocks (the learning MFE, a profile form)."""
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from ... import api


class ProfileSerializer(serializers.Serializer):  # pylint: disable=abstract-method
    age_group = serializers.CharField()
    region_code = serializers.CharField()
    region_name = serializers.CharField(read_only=True)
    nickname = serializers.CharField(required=False, allow_blank=True, default="")
    public_name = serializers.CharField(read_only=True)
    needs_guardian_consent = serializers.BooleanField(read_only=True)


def error_response(error):
    """One answer shape for every :class:`api.GenmError`: a translated message and, for bad input, each field's."""
    body = {"error": str(error.message)}
    if isinstance(error, api.GenmRequestError):
        body["field_errors"] = {field: str(message) for field, message in error.field_errors.items()}
    return Response(body, status=error.status)


class ProfileView(APIView):
    """``GET`` or ``PUT`` the signed-in learner's own participant profile; nobody else's is reachable."""

    permission_classes = [permissions.IsAuthenticated]

    def get(self, request):
        profile = api.get_profile(request.user)
        if profile is None:
            return error_response(api.GenmNotFoundError(api.PROFILE_MISSING_MESSAGE))
        return Response(ProfileSerializer(profile).data)

    def put(self, request):
        serializer = ProfileSerializer(data=request.data)
        if not serializer.is_valid():
            return Response({"error": "invalid", "field_errors": serializer.errors}, status=400)
        try:
            profile = api.save_profile(request.user, **serializer.validated_data)
        except api.GenmError as error:
            return error_response(error)
        return Response(ProfileSerializer(profile).data)
