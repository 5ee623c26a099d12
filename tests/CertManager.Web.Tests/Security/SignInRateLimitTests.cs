using System.Net;
using CertManager.Testing;

namespace CertManager.Web.Tests.Security;

/// <summary>
/// The rate limiter on sign-in and password re-entry, per user name and per client address, against the real
/// console. Each test connects from its own loopback addresses (127.0.0.0/8), so that the address partitions of
/// one test do not touch another's.
/// </summary>
public sealed class SignInRateLimitTests(SignInRateLimitTests.LimitedConsole console) : IClassFixture<SignInRateLimitTests.LimitedConsole>
{
    private const int PerUserName = 3;
    private const int PerAddress = 5;

    public sealed class LimitedConsole : IAsyncLifetime
    {
        private readonly TempDirectory _data = new("certmanager-ratelimit");

        public ConsoleProcess Process { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            await ConsoleSeed.AddUsersAsync(_data.Path, [ConsoleSeed.Operator]);
            Process = await ConsoleProcess.StartAsync(_data.Path, environment: new Dictionary<string, string>
            {
                ["CertManager__SignInLimits__PermitsPerUserName"] = PerUserName.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["CertManager__SignInLimits__PermitsPerAddress"] = PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["CertManager__SignInLimits__Window"] = "00:10:00",
            });
        }

        public async Task DisposeAsync()
        {
            if (Process is not null)
            {
                await Process.DisposeAsync();
            }

            _data.Dispose();
        }
    }

    [Fact]
    public async Task SignIn_OneNameFromSeveralAddresses_Answers429WithRetryAfterOncePerNameLimitIsUsed()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt <= PerUserName; attempt++)
        {
            using var client = console.Process.CreateClient(IPAddress.Parse($"127.0.1.{attempt + 1}"));
            last?.Dispose();
            last = await client.SignInAsync("rate-limited-name", "not-the-password");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, PerUserName), HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(last!.Headers.RetryAfter?.Delta);
        Assert.InRange(last.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        last.Dispose();
    }

    [Fact]
    public async Task SignIn_ManyNamesFromOneAddress_Answers429ThereButNotFromAnotherAddress()
    {
        using var client = console.Process.CreateClient(IPAddress.Parse("127.0.2.1"));
        using var other = console.Process.CreateClient(IPAddress.Parse("127.0.2.2"));
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt <= PerAddress; attempt++)
        {
            using var response = await client.SignInAsync($"guessed-name-{attempt}", "not-the-password");
            statuses.Add(response.StatusCode);
        }

        using var fromElsewhere = await other.SignInAsync("guessed-name-elsewhere", "not-the-password");

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, PerAddress), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, fromElsewhere.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPasswordRepeatedly_Answers429OncePerNameLimitIsUsed()
    {
        using var client = console.Process.CreateClient(IPAddress.Parse("127.0.3.1"));
        // The sign-in itself is the first attempt counted for this user name.
        await client.SignInSuccessfullyAsync(ConsoleSeed.Operator.UserName, ConsoleSeed.Operator.Password);
        var token = await client.GetAntiforgeryTokenAsync("account/change-password");
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= PerUserName; attempt++)
        {
            using var response = await client.Http.PostAsync("account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "change-password",
                ["__RequestVerificationToken"] = token,
                ["Input.CurrentPassword"] = "not-the-password",
                ["Input.NewPassword"] = "A-brand-new-password-2",
                ["Input.ConfirmPassword"] = "A-brand-new-password-2",
            }));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, PerUserName - 1), HttpStatusCode.TooManyRequests], statuses);
    }
}
