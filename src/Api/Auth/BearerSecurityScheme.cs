using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VideoPlatform.Api.Auth;

/// <summary>
/// Declares how to authenticate in the OpenAPI document, so that tools and the OpenAPI UI can sign in and send a
/// token: a bearer access token, or the same token got by the OAuth2 password grant of POST /api/auth/token.
/// Operations that need a token require either scheme; those that merely honour one list them as optional.
/// </summary>
public sealed class BearerSecurityScheme : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string Bearer = "Bearer";
    public const string OAuth2 = "OAuth2";
    public const string TokenUrl = "/api/auth/token";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /api/auth/login",
        };
        document.Components.SecuritySchemes[OAuth2] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "Sign in with a username (or email) and password",
            Flows = new OpenApiOAuthFlows
            {
                Password = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri(TokenUrl, UriKind.Relative),
                    RefreshUrl = new Uri(TokenUrl, UriKind.Relative),
                    Scopes = new Dictionary<string, string>(),
                },
            },
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any() || context.Document is not { } document)
        {
            return Task.CompletedTask;
        }

        var required = metadata.OfType<IAuthorizeData>().Any();
        operation.Security = required ? [] : [new OpenApiSecurityRequirement()];
        operation.Security.Add(Requirement(Bearer, document));
        operation.Security.Add(Requirement(OAuth2, document));
        return Task.CompletedTask;
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}
