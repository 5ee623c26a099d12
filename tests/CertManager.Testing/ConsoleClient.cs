using System.Net;
using System.Text.RegularExpressions;

namespace CertManager.Testing;

/// <summary>
/// Talks HTTP to a running console like a browser without JavaScript: cookies kept, redirects not followed
/// (tests assert them), the console's certificate accepted whatever it is.
/// </summary>
public sealed partial class ConsoleClient : IDisposable
{
    private readonly HttpClientHandler _handler;

    public ConsoleClient(Uri baseAddress)
    {
        _handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer(),
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
        Http = new HttpClient(_handler) { BaseAddress = baseAddress };
    }

    public HttpClient Http { get; }

    /// <summary>Signs in through the real form (antiforgery token included); returns the response to the form post.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password)
    {
        var token = await GetAntiforgeryTokenAsync("account/login");
        return await Http.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>Signs in and fails the test if the console did not redirect away from the sign-in page.</summary>
    public async Task SignInSuccessfullyAsync(string userName, string password)
    {
        using var response = await SignInAsync(userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of '{userName}' failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task<string> GetAntiforgeryTokenAsync(string path)
    {
        var page = await Http.GetStringAsync(path);
        var match = AntiforgeryTokenPattern().Match(page);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No antiforgery token on {path}.");
    }

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryTokenPattern();
}
