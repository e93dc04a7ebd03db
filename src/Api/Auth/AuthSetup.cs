using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using VideoPlatform.Api.Errors;
using VideoPlatform.Grains.Users;

namespace VideoPlatform.Api.Auth;

/// <summary>Authentication (JWT bearer), authorization policies, rate limits and JSON body limits.</summary>
public static class AuthSetup
{
    public const string AuthLimit = "auth";
    public const string UploadLimit = "uploads";
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddPlatformAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AuthSettings.Section);
        services.AddOptions<AuthSettings>().Bind(section).ValidateOnStart()
            .PostConfigure<IHostEnvironment>((o, environment) =>
            {
                if (environment.IsDevelopment() && string.IsNullOrEmpty(o.SigningKey) && string.IsNullOrWhiteSpace(o.DevKeyFile))
                {
                    o.DevKeyFile = Path.Combine(".data", "dev-signing.key");
                }
            });
        services.AddSingleton<IValidateOptions<AuthSettings>, AuthSettingsValidation>();
        services.AddOptions<PasswordHasherOptions>().Configure<IOptions<AuthSettings>>((o, auth) => o.IterationCount = auth.Value.PasswordIterations);
        services.AddPlatformForwardedHeaders(configuration);
        var settings = section.Get<AuthSettings>() ?? new AuthSettings();
        services.AddSingleton<PasswordLogin>();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<SessionCookie>();
        services.AddSingleton<IPasswordHasher<UserProfile>, PasswordHasher<UserProfile>>();
        services.AddSingleton<ResourceAccess>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKeys>((o, keys) =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                IssuerSigningKeyResolver = (_, _, _, _) => [keys.Current],
                NameClaimType = Caller.NameClaim,
                RoleClaimType = Caller.RoleClaim,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            o.Events = new JwtBearerEvents
            {
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await WriteAsync(context.HttpContext, Unauthenticated.Result());
                },
                OnForbidden = context => WriteAsync(context.HttpContext, Forbidden()),
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole("admin"));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => new ValueTask(new TooManyRequests(
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1)).ExecuteAsync(context.HttpContext));
            o.AddPolicy(AuthLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = SettingsOf(http).AuthPermitsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(UploadLimit, http => RateLimitPartition.GetTokenBucketLimiter(
                Caller.IdOf(http.User) ?? http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = SettingsOf(http).UploadPermitsPerMinute,
                    TokensPerPeriod = SettingsOf(http).UploadPermitsPerMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                }));
        });
        return services;
    }

    public static WebApplication UsePlatformAuth(this WebApplication app)
    {
        app.UsePlatformForwardedHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<JsonBodyLimit>();
        return app;
    }

    public static IResult Forbidden() =>
        ApiProblem.Create(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", "You may not do this to this resource");

    private static AuthSettings SettingsOf(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<AuthSettings>>().Value;

    private static Task WriteAsync(HttpContext context, IResult result) => result.ExecuteAsync(context);
}
