using CertManager.Web.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace CertManager.Web.Tests.Security;

/// <summary>
/// Which requests go through the rate limiter: every request a limiter can refuse (password posts, endpoints with a
/// policy), none of the others. The refusals themselves are tested against the real console
/// (<see cref="SignInRateLimitTests"/>, the API's token limit in ApiResourceTests).
/// </summary>
public sealed class SignInRateLimitingTests
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/Account/Login")]
    [InlineData("/account/change-password")]
    [InlineData("/security/web-server/certificate/export")]
    public void IsPasswordPost_PasswordPost_True(string path) =>
        Assert.True(SignInRateLimiting.IsPasswordPost(Request("POST", path, endpoint: null).Request));

    [Theory]
    [InlineData("GET", "/account/login")]
    [InlineData("GET", "/security/web-server/certificate")]
    [InlineData("POST", "/settings/alerts")]
    [InlineData("POST", "/account/logout")]
    public void Limits_NoPasswordAndNoPolicy_NeitherApplies(string method, string path)
    {
        var request = Request(method, path, new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(), "page"));

        Assert.False(SignInRateLimiting.IsPasswordPost(request.Request));
        Assert.False(SignInRateLimiting.HasPolicyOfItsOwn(request));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public void HasPolicyOfItsOwn_EndpointWithPolicy_True(string method) =>
        Assert.True(SignInRateLimiting.HasPolicyOfItsOwn(Request(method, "/api/v1/trust/roots",
            new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(new EnableRateLimitingAttribute("api")), "api"))));

    private static DefaultHttpContext Request(string method, string path, Endpoint? endpoint)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.SetEndpoint(endpoint);
        return context;
    }
}
