using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace CertManager.Testing;

/// <summary>
/// Talks HTTP to a running console like a browser without JavaScript: cookies kept, redirects not followed
/// (tests assert them), the console's certificate accepted whatever it is. Given a <c>localAddress</c> (any of
/// 127.0.0.0/8), it connects from there, so that the console sees a client address of its own.
/// </summary>
public sealed partial class ConsoleClient : IDisposable
{
    private readonly SocketsHttpHandler _handler;

    public ConsoleClient(Uri baseAddress, IPAddress? localAddress = null)
    {
        _handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer(),
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        if (localAddress is not null)
        {
            _handler.ConnectCallback = (context, cancellationToken) => ConnectFromAsync(localAddress, context.DnsEndPoint, cancellationToken);
        }

        Http = new HttpClient(_handler) { BaseAddress = baseAddress };
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies => _handler.CookieContainer;

    /// <summary>Signs in through the real form (antiforgery token included); returns the response to the form post.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password)
    {
        var token = await GetAntiforgeryTokenAsync("account/login");
        return await PostSignInAsync(token, userName, password);
    }

    /// <summary>Posts the sign-in form with a token fetched earlier, e.g. to fire several attempts at once.</summary>
    public async Task<HttpResponseMessage> PostSignInAsync(string token, string userName, string password)
    {
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

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress localAddress, DnsEndPoint remote, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(localAddress, 0));
            await socket.ConnectAsync(remote, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryTokenPattern();
}
