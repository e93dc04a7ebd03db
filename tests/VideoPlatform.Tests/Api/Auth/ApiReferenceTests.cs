using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Auth;

/// <summary>The OpenAPI UI is served, and the document tells it how to sign in and which operations need a token.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ApiReferenceTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Docs_ServesTheUiPageForTheOpenApiDocument()
    {
        using var http = api.CreateClient();

        var page = await http.GetAsync(new Uri("/docs/", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var script = await http.GetAsync(new Uri("/docs/scalar.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>VideoPlatform API</title>", html, StringComparison.Ordinal);
        // The UI loads this document and signs in through the password grant of the token endpoint.
        Assert.Contains("\"url\":\"openapi/v1.json\"", html, StringComparison.Ordinal);
        Assert.Contains("\"password\":{\"tokenUrl\":\"/api/auth/token\"}", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 10_000);
    }

    [Fact]
    public async Task Document_DeclaresBearerAndPasswordSignIn()
    {
        var schemes = (await DocumentAsync()).GetProperty("components").GetProperty("securitySchemes");

        var bearer = schemes.GetProperty("Bearer");
        var password = schemes.GetProperty("OAuth2").GetProperty("flows").GetProperty("password");

        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.Equal("JWT", bearer.GetProperty("bearerFormat").GetString());
        Assert.Equal("/api/auth/token", password.GetProperty("tokenUrl").GetString());
    }

    [Fact]
    public async Task Document_OperationsReferenceTheSchemesAsTheEndpointsRequire()
    {
        var document = await DocumentAsync();
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var checkedRequired = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var endpoint = endpoints.Single(e => DocumentPath(e) == path.Name && Methods(e).Contains(operation.Name.ToUpperInvariant()));
                var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                var required = !anonymous && endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null;
                var security = operation.Value.TryGetProperty("security", out var s) ? s.EnumerateArray().ToList() : [];
                var names = security.SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToHashSet();
                var optional = security.Any(r => !r.EnumerateObject().Any());
                var where = $"{operation.Name} {path.Name}";

                Assert.True(anonymous ? security.Count == 0 : names.SetEquals(["Bearer", "OAuth2"]), $"{where}: security {string.Join(",", names)}");
                Assert.True(required != optional || anonymous, $"{where}: required={required} but optional={optional}");
                checkedRequired += required ? 1 : 0;
            }
        }

        Assert.True(checkedRequired >= 10, $"only {checkedRequired} operations need a token");
    }

    [Fact]
    public async Task TokenEndpoint_PasswordAndRefreshGrants_GiveTokensThatWork()
    {
        using var user = await api.RegisterUserAsync();
        using var http = api.CreateClient();

        var byName = await TokenAsync(http, ("grant_type", "password"), ("username", user.Username), ("password", user.Password));
        var byEmail = await TokenAsync(http, ("grant_type", "password"), ("username", $"{user.Username}@example.com"), ("password", user.Password));
        var refreshed = await TokenAsync(http, ("grant_type", "refresh_token"), ("refresh_token", byName.GetProperty("refresh_token").GetString()!));

        Assert.Equal("Bearer", byName.GetProperty("token_type").GetString());
        Assert.True(byName.GetProperty("expires_in").GetInt32() > 0);
        foreach (var token in new[] { byName, byEmail, refreshed })
        {
            using var me = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(me)).StatusCode);
        }
    }

    [Theory]
    [InlineData("password", "not-the-password", HttpStatusCode.Unauthorized, "unauthenticated")]
    [InlineData("client_credentials", "", HttpStatusCode.BadRequest, "unsupported_grant_type")]
    public async Task TokenEndpoint_Refused_ReturnsProblemDetails(string grant, string password, HttpStatusCode status, string code)
    {
        using var user = await api.RegisterUserAsync();
        using var http = api.CreateClient();

        using var response = await http.PostAsync(new Uri("/api/auth/token", UriKind.Relative),
            new FormUrlEncodedContent([new("grant_type", grant), new("username", user.Username), new("password", password)]));

        await Problems.AssertAsync(response, status, code);
    }

    private static async Task<JsonElement> TokenAsync(HttpClient http, params (string Name, string Value)[] fields)
    {
        using var response = await http.PostAsync(new Uri("/api/auth/token", UriKind.Relative),
            new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var http = api.CreateClient();
        return JsonDocument.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;
    }

    private static IReadOnlyList<string> Methods(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];

    /// <summary>The route pattern as the document spells it: no catch-all stars, optional marks or constraints.</summary>
    private static string DocumentPath(RouteEndpoint endpoint) =>
        "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            _ => "",
        }))));
}
