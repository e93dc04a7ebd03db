using System.Net.Mail;
using VideoPlatform.Api.Contracts;

namespace VideoPlatform.Api.Auth;

/// <summary>What a username, email and password must look like, and their normalized (uniqueness) forms.</summary>
public static class AccountRules
{
    public static string NormalizeUsername(string username) => username.Trim().ToLowerInvariant();

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static (string Code, string Detail)? Validate(RegisterRequest request, int minPasswordLength)
    {
        var username = request.Username?.Trim() ?? "";
        if (username.Length is < 3 or > 32 || !username.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            return ("invalid_username", "username must be 3-32 characters: letters, digits, '_', '-' or '.'");
        }

        var email = request.Email?.Trim() ?? "";
        if (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            return ("invalid_email", "email must be an address like name@example.com");
        }

        var password = request.Password ?? "";
        if (password.Length < minPasswordLength || password.Length > 256)
        {
            return ("weak_password", $"password must be at least {minPasswordLength} characters (at most 256)");
        }

        return null;
    }
}
