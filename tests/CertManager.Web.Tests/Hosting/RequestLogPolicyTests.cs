using CertManager.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Serilog.Events;

namespace CertManager.Web.Tests.Hosting;

/// <summary>The level of each request's log line; the file the real console writes is checked by <see cref="RequestLoggingTests"/>.</summary>
public sealed class RequestLogPolicyTests
{
    [Theory]
    [InlineData("GET", "/fleet/v1/bundle", 200, LogEventLevel.Debug)]
    [InlineData("GET", "/fleet/v1/bundle", 204, LogEventLevel.Debug)]
    [InlineData("POST", "/fleet/v1/report", 204, LogEventLevel.Debug)]
    [InlineData("GET", "/fleet/v1/bundle", 401, LogEventLevel.Information)]
    [InlineData("POST", "/fleet/v1/report", 403, LogEventLevel.Information)]
    [InlineData("POST", "/fleet/v1/register", 200, LogEventLevel.Information)]
    [InlineData("GET", "/fleet/v1/bundle", 500, LogEventLevel.Error)]
    [InlineData("GET", "/health", 200, LogEventLevel.Debug)]
    [InlineData("GET", "/security/web-server/certificate", 200, LogEventLevel.Information)]
    public void LevelOf_Request_FollowersAnsweredPollsBelowInformationRefusalsAndPairingAbove(string method, string path, int status, LogEventLevel expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Response.StatusCode = status;

        Assert.Equal(expected, RequestLogPolicy.LevelOf(context, elapsedMilliseconds: 1, exception: null));
    }
}
