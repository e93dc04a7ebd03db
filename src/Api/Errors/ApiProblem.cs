namespace VideoPlatform.Api.Errors;

/// <summary>
/// ProblemDetails with a machine-readable <c>code</c>, as every error of the Api is shaped
/// (RFC 9457: type, title, status, detail, plus code).
/// </summary>
public static class ApiProblem
{
    public static IResult Create(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = $"https://videoplatform.dev/problems/{code}",
            Extensions = { ["code"] = code },
        });

    public static IResult NotFound(string what, string id) =>
        Create(StatusCodes.Status404NotFound, "not_found", $"{what} not found", $"{what} '{id}' does not exist");

    /// <summary>A deleted resource: nothing of it (title, description, owner) is served any more.</summary>
    public static IResult Deleted(string what, string id) =>
        Create(StatusCodes.Status404NotFound, "deleted", $"{what} deleted", $"{what} '{id}' was deleted");

    public static IResult BadRequest(string code, string detail) =>
        Create(StatusCodes.Status400BadRequest, code, "Invalid request", detail);

    public static IResult Conflict(string code, string detail) =>
        Create(StatusCodes.Status409Conflict, code, "Conflict", detail);
}
