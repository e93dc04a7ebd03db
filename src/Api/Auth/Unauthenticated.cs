using VideoPlatform.Api.Errors;

namespace VideoPlatform.Api.Auth;

/// <summary>The one 401 of the Api: the same words for a missing, expired or forged token and for a wrong name or password.</summary>
public static class Unauthenticated
{
    public const string Code = "unauthenticated";
    public const string Detail = "The credentials are missing, invalid or expired";

    public static IResult Result() => ApiProblem.Create(StatusCodes.Status401Unauthorized, Code, "Unauthenticated", Detail);
}
