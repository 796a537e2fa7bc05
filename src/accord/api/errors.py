"""Every API error is JSON: ``{"detail": message, "errors": [{"field", "message", ...}]}``."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError, ValidationError

from accord.core.errors import DomainError

# Locations ninja puts in front of a field name ("body", "payload", "query", "path", ...).
_LOCATIONS = {"body", "query", "path", "header", "cookie", "form", "file"}
# Names of the parameter objects that hold the fields.
_CONTAINERS = {"payload", "filters", "pagination", "data"}


def _field_of(loc) -> tuple[str, str]:
    """``("body", "payload", "budget")`` -> ``("budget", "body")``."""
    parts = [str(part) for part in loc]
    location = parts.pop(0) if parts and parts[0] in _LOCATIONS else ""
    names = [part for part in parts if part not in _CONTAINERS]
    return ".".join(names), location


def _validation_errors(errors) -> list[dict]:
    result = []
    for error in errors:
        field, location = _field_of(error.get("loc", ()))
        message = str(error.get("msg", "Invalid value."))
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        result.append({"field": field, "location": location, "message": message})
    return result


def install_error_handlers(api) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        errors = _validation_errors(exc.errors)
        names = ", ".join(sorted({error["field"] for error in errors if error["field"]}))
        detail = f"Invalid input: {names}." if names else "Invalid input."
        return api.create_response(request, {"detail": detail, "errors": errors}, status=422)

    @api.exception_handler(DomainError)
    def domain_error(request, exc: DomainError):
        errors = [{"field": exc.field or "", "location": "body", "message": str(exc.message)}]
        # A duplicate (an invoice number, a payment reference) conflicts with a stored record.
        status = 409 if exc.code in {"conflict", "duplicate"} else 422
        return api.create_response(
            request, {"detail": str(exc.message), "errors": errors}, status=status
        )

    @api.exception_handler(DjangoValidationError)
    def django_validation_error(request, exc: DjangoValidationError):
        errors = []
        if hasattr(exc, "error_dict"):
            for field, field_errors in exc.message_dict.items():
                for message in field_errors:
                    errors.append({"field": field, "location": "body", "message": message})
        else:
            errors = [{"field": "", "location": "body", "message": m} for m in exc.messages]
        detail = errors[0]["message"] if errors else "Invalid input."
        return api.create_response(request, {"detail": detail, "errors": errors}, status=422)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": "Not found.", "errors": []}, status=404)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return api.create_response(
            request,
            {"detail": "Authentication required: a Bearer token or a session.", "errors": []},
            status=401,
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return api.create_response(
            request, {"detail": str(exc.message), "errors": []}, status=exc.status_code
        )
