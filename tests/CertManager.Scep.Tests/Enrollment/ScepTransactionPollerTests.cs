using System.Security.Cryptography;
using CertManager.Core.Certificates;
using CertManager.Core.Enrollment;
using CertManager.Core.Events;
using CertManager.Core.Results;
using CertManager.Core.Storage;
using CertManager.Core.Trust;
using CertManager.Scep.Enrollment;
using CertManager.Scep.Tests.Support;
using CertManager.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace CertManager.Scep.Tests.Enrollment;

/// <summary>
/// The PENDING path (RFC 8894 §3.3.3) against <see cref="PendingScepResponder"/>, our test responder, because
/// Debian's scepserver never answers PENDING nor CertPoll. The clock is a FakeTimeProvider started at the real now
/// (the responder issues on the real clock).
/// </summary>
public sealed class ScepTransactionPollerTests
{
    private const string Challenge = "one-time-challenge-7f3a";

    private static readonly Dictionary<string, string?> Schedule = new()
    {
        ["CertManager:Scep:Polling:FirstPollSeconds"] = "60",
        ["CertManager:Scep:Polling:MaxIntervalSeconds"] = "240",
        ["CertManager:Scep:Polling:MaxAgeHours"] = "2",
    };

    [Fact]
    public async Task Enroll_CaAnswersPending_TransactionKeptEncryptedWithoutPasswordAndSurvivesRestart()
    {
        using var responder = new PendingScepResponder();
        var time = new FakeTimeProvider(Now());
        string dataDirectory;
        ScepTransactionSummary pending;
        using var directory = new TempDirectory("certmanager-scep-restart");
        using (var host = new ScepTestHost(time: time, dataDirectory: directory.Path, settings: Schedule))
        {
            dataDirectory = host.DataDirectory;
            pending = await EnrollPendingAsync(host, responder);
            Assert.Equal(ScepTransactionStatus.Pending, pending.Status);
            Assert.Equal("admin", pending.CreatedBy);
            Assert.Equal("CN=console.example.test", pending.Subject);
            Assert.Equal(responder.CaCertificate.SubjectText(), pending.CaName);
            Assert.Equal(time.GetUtcNow().AddSeconds(60), pending.NextPoll);
            Assert.Contains((await host.Get<EventRecorder>().ListRecentAsync(5)).Select(e => e.Message), m => m.Contains("waiting for approval by the CA administrator", StringComparison.Ordinal));
        }

        SqliteConnection.ClearAllPools();
        var database = await File.ReadAllBytesAsync(Path.Combine(dataDirectory, "certmanager.db"));
        Assert.Equal(-1, database.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(Challenge)));
        var blob = await ReadEncryptedKeyAsync(dataDirectory);
        Assert.Equal("CMK1"u8.ToArray(), blob[..4]);

        // A new service provider over the same data directory, as after a restart of the console.
        using (var restarted = new ScepTestHost(time: time, dataDirectory: dataDirectory, settings: Schedule))
        {
            var pkcs8 = restarted.Get<KeyProtector>().Unprotect(blob, "scep-pending-key");
            using var key = RSA.Create();
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            // The transactionID is the SHA-256 of the request's public key (RFC 8894 §3.2.1.1): this is that key.
            Assert.Equal(pending.TransactionId, Convert.ToHexString(SHA256.HashData(key.ExportSubjectPublicKeyInfo())));
            Assert.Equal(-1, database.AsSpan().IndexOf(pkcs8));
            Assert.ThrowsAny<CryptographicException>(() => restarted.Get<KeyProtector>().Unprotect(blob, "pending-key"));

            var open = Assert.Single(await restarted.Get<ScepTransactionStore>().ListOpenAsync());
            Assert.Equal(pending.Id, open.Id);
            responder.OnPoll = PendingScepResponder.Answer.Issue;
            await restarted.Get<TrustStore>().AddRootAsync(responder.CaCertificate, "test");
            time.Advance(TimeSpan.FromSeconds(60));
            Assert.Equal(1, await restarted.Get<ScepTransactionPoller>().PollDueAsync());
            Assert.Equal(ScepTransactionStatus.Installed, (await restarted.Get<ScepTransactionStore>().GetAsync(pending.Id))!.Status);
        }
    }

    [Fact]
    public async Task PollDue_BackOff_PollsOnlyWhenDueDoublingUpToTheCapWithFreshNonces()
    {
        using var responder = new PendingScepResponder();
        var time = new FakeTimeProvider(Now());
        using var host = new ScepTestHost(time: time, settings: Schedule);
        var pending = await EnrollPendingAsync(host, responder);
        var poller = host.Get<ScepTransactionPoller>();
        var store = host.Get<ScepTransactionStore>();

        Assert.Equal(0, await poller.PollDueAsync());
        // Waits: 60 s, then 120, 240, 240 (capped).
        foreach (var (wait, expectedNext) in new[] { (60, 120), (120, 240), (240, 240), (240, 240) })
        {
            time.Advance(TimeSpan.FromSeconds(wait - 1));
            Assert.Equal(0, await poller.PollDueAsync());
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(1, await poller.PollDueAsync());
            var polled = (await store.GetAsync(pending.Id))!;
            Assert.Equal(time.GetUtcNow(), polled.LastPolled);
            Assert.Equal(TimeSpan.FromSeconds(expectedNext), polled.NextPoll - polled.LastPolled!.Value);
        }

        var polls = responder.Seen.Where(s => s.MessageType == "20").ToList();
        Assert.Equal(4, polls.Count);
        Assert.All(polls, p => Assert.Equal(pending.TransactionId, p.TransactionId));
        Assert.All(polls, p => Assert.Equal(responder.CaCertificate.Subject, p.Issuer));
        Assert.All(polls, p => Assert.Equal("CN=console.example.test", p.Subject));
        Assert.Equal(5, responder.Seen.Select(s => Convert.ToHexString(s.SenderNonce)).Distinct().Count());
        Assert.Equal(4, (await store.GetAsync(pending.Id))!.Attempts);
    }

    [Fact]
    public async Task PollDue_IssuedAndChainClean_InstalledAutomaticallyAndPresented()
    {
        using var responder = new PendingScepResponder();
        var time = new FakeTimeProvider(Now());
        using var host = new ScepTestHost(time: time, settings: Schedule);
        await host.Get<TrustStore>().AddRootAsync(responder.CaCertificate, "test");
        using var counts = new EnrollmentCounts();
        var pending = await EnrollPendingAsync(host, responder);
        Assert.Equal((1, 0), (counts.Of("scep", "pending"), counts.Of("scep", "issued")));

        responder.OnPoll = PendingScepResponder.Answer.Issue;
        time.Advance(TimeSpan.FromSeconds(60));
        await host.Get<ScepTransactionPoller>().PollDueAsync();

        var settled = (await host.Get<ScepTransactionStore>().GetAsync(pending.Id))!;
        Assert.Equal(ScepTransactionStatus.Installed, settled.Status);
        Assert.Equal((1, 1, 0), (counts.Of("scep", "pending"), counts.Of("scep", "issued"), counts.Of("scep", "failed")));
        var presented = host.Get<ServerCertificateProvider>().Current;
        Assert.Equal(CertificateOrigin.ThirdParty, presented.Origin);
        Assert.Equal(responder.CaCertificate.Subject, presented.Certificate.Issuer);
        Assert.Equal(pending.TransactionId, Convert.ToHexString(SHA256.HashData(presented.Certificate.PublicKey.ExportSubjectPublicKeyInfo())));
        var source = await host.Get<ScepSourceStore>().FindAsync(presented.Certificate.GetCertHashString(HashAlgorithmName.SHA256));
        Assert.Equal(["console.example.test"], source!.Names);
        Assert.Equal(responder.Url, source.EndpointUrl.AbsoluteUri);
        var events = (await host.Get<EventRecorder>().ListRecentAsync(10)).Where(e => e.Source == "scep").Select(e => e.Message).ToList();
        Assert.Contains(events, m => m.Contains("installed as version", StringComparison.Ordinal));
        Assert.Null((await host.Get<ScepTransactionStore>().LoadAsync(pending.Id))!.Key);
        Assert.Empty(await host.Get<ScepTransactionStore>().ListOpenAsync());
    }

    [Fact]
    public async Task PollDue_IssuedWithWarnings_HeldForTheAdministratorThenInstalledWhenConfirmed()
    {
        // The CA's root is not in the console's trust store: a warning, so the certificate waits for the administrator.
        using var responder = new PendingScepResponder();
        var time = new FakeTimeProvider(Now());
        using var host = new ScepTestHost(time: time, settings: Schedule);
        var before = host.Get<ServerCertificateProvider>().Current.Certificate.Thumbprint;
        var pending = await EnrollPendingAsync(host, responder);
        var poller = host.Get<ScepTransactionPoller>();

        responder.OnPoll = PendingScepResponder.Answer.Issue;
        time.Advance(TimeSpan.FromSeconds(60));
        await poller.PollDueAsync();

        Assert.Equal(ScepTransactionStatus.Issued, (await host.Get<ScepTransactionStore>().GetAsync(pending.Id))!.Status);
        Assert.Equal(before, host.Get<ServerCertificateProvider>().Current.Certificate.Thumbprint);
        Assert.Contains((await host.Get<EventRecorder>().ListRecentAsync(5)).Select(e => e.Message), m => m.Contains("not installed automatically", StringComparison.Ordinal));
        using (var examination = (await poller.ExamineIssuedAsync(pending.Id)).Value)
        {
            Assert.Contains(examination.Report.Problems, p => p.Code == "chain.root-untrusted");
            Assert.DoesNotContain(examination.Report.Problems, p => p.Severity == Severity.Error);
            Assert.True(examination.CanInstall);
        }

        Assert.Equal("install.warnings-not-confirmed", Assert.Single((await poller.InstallIssuedAsync(pending.Id, warningsConfirmed: false, "admin")).Problems).Code);
        var installed = await poller.InstallIssuedAsync(pending.Id, warningsConfirmed: true, "admin");

        Assert.True(installed.Succeeded, string.Join("\n", installed.Problems.Select(p => p.Message)));
        Assert.Equal(ScepTransactionStatus.Installed, (await host.Get<ScepTransactionStore>().GetAsync(pending.Id))!.Status);
        Assert.Equal(responder.CaCertificate.Subject, host.Get<ServerCertificateProvider>().Current.Certificate.Issuer);
    }

    [Fact]
    public async Task PollDue_Rejected_EventSaysWhyInPlainWordsAndKeyIsDeleted()
    {
        using var responder = new PendingScepResponder { RejectWith = 2 };
        var time = new FakeTimeProvider(Now());
        using var host = new ScepTestHost(time: time, settings: Schedule);
        using var counts = new EnrollmentCounts();
        var pending = await EnrollPendingAsync(host, responder);

        responder.OnPoll = PendingScepResponder.Answer.Reject;
        time.Advance(TimeSpan.FromSeconds(60));
        await host.Get<ScepTransactionPoller>().PollDueAsync();

        var settled = (await host.Get<ScepTransactionStore>().GetAsync(pending.Id))!;
        Assert.Equal(ScepTransactionStatus.Rejected, settled.Status);
        Assert.Equal((1, 0, 1), (counts.Of("scep", "pending"), counts.Of("scep", "issued"), counts.Of("scep", "failed")));
        var rejected = Assert.Single(await host.Get<EventRecorder>().ListRecentAsync(10), e => e.Message.Contains("was rejected", StringComparison.Ordinal));
        Assert.Equal("scep", rejected.Source);
        Assert.Equal(EventSeverity.Warning, rejected.Severity);
        Assert.Contains("failInfo badRequest", rejected.Message, StringComparison.Ordinal);
        Assert.Null((await host.Get<ScepTransactionStore>().LoadAsync(pending.Id))!.Key);
    }

    [Fact]
    public async Task Cancel_Pending_NoMorePollsAndEventRecorded()
    {
        using var responder = new PendingScepResponder();
        var time = new FakeTimeProvider(Now());
        using var host = new ScepTestHost(time: time, settings: Schedule);
        var pending = await EnrollPendingAsync(host, responder);
        var poller = host.Get<ScepTransactionPoller>();

        var cancelled = await poller.CancelAsync(pending.Id, "admin");
        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(ScepTransactionStatus.Cancelled, cancelled.Value.Status);
        Assert.Equal(0, await poller.PollDueAsync());
        await poller.PollAsync(pending.Id);
        Assert.Equal(0, responder.PollCount);
        Assert.Empty(await host.Get<ScepTransactionStore>().ListOpenAsync());
        Assert.Contains(await host.Get<EventRecorder>().ListRecentAsync(5), e => e.Actor == "admin" && e.Message.Contains("cancelled", StringComparison.Ordinal));
        Assert.Equal("scep.transaction-closed", Assert.Single((await poller.CancelAsync(pending.Id, "admin")).Problems).Code);
    }

    [Fact]
    public async Task PollDue_MaximumAgePassed_GivesUpAsFailedWithAnEvent()
    {
        using var responder = new PendingScepResponder();
        var time = new FakeTimeProvider(Now());
        using var host = new ScepTestHost(time: time, settings: Schedule);
        var pending = await EnrollPendingAsync(host, responder);
        var poller = host.Get<ScepTransactionPoller>();

        for (var elapsed = TimeSpan.Zero; elapsed <= TimeSpan.FromHours(2.1); elapsed += TimeSpan.FromSeconds(240))
        {
            time.Advance(TimeSpan.FromSeconds(240));
            await poller.PollDueAsync();
        }

        var settled = (await host.Get<ScepTransactionStore>().GetAsync(pending.Id))!;
        Assert.Equal(ScepTransactionStatus.Failed, settled.Status);
        Assert.InRange(responder.PollCount, 25, 31);
        var gaveUp = Assert.Single(await host.Get<EventRecorder>().ListRecentAsync(10), e => e.Message.Contains("Given up after 2 hours", StringComparison.Ordinal));
        Assert.Equal(EventSeverity.Major, gaveUp.Severity);
    }

    [Fact]
    public void Delay_DefaultOptions_OneMinuteDoublingCappedAtOneHour()
    {
        var options = new ScepPollingOptions();

        Assert.Equal(
            [60, 120, 240, 480, 960, 1920, 3600, 3600],
            Enumerable.Range(0, 8).Select(a => (int)options.Delay(a).TotalSeconds).ToArray());
    }

    /// <summary>The real now in whole seconds: the database keeps instants to a tenth of a millisecond.</summary>
    private static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private static async Task<ScepTransactionSummary> EnrollPendingAsync(ScepTestHost host, PendingScepResponder responder)
    {
        var service = host.Get<ScepEnrollmentService>();
        var request = ScepEnrollmentService.Validate(new ScepEnrollmentForm { CaAddress = $"127.0.0.1:{responder.Port}", UriPath = "/scep", CommonName = "console.example.test" }).Value;
        var ca = await service.ContactCaAsync(request);
        Assert.True(ca.Succeeded, string.Join("\n", ca.Problems.Select(p => p.Message)));
        var enrolled = await service.EnrollAsync(request, ca.Value, Challenge, "admin");
        Assert.True(enrolled.Succeeded, string.Join("\n", enrolled.Problems.Select(p => p.Message)));
        using var enrollment = enrolled.Value;
        Assert.Null(enrollment.Examination);
        return enrollment.Pending!;
    }

    private static async Task<byte[]> ReadEncryptedKeyAsync(string dataDirectory)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "certmanager.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT EncryptedPrivateKey FROM ScepTransactions";
        return (byte[])(await command.ExecuteScalarAsync())!;
    }
}
