using CertManager.Acme.Issuance;
using CertManager.Acme.Protocol;
using CertManager.Acme.Tests.Support;
using CertManager.Testing;

namespace CertManager.Acme.Tests.Issuance;

/// <summary>Whole orders against pebble, validating dns-01 through pebble-challtestsrv: the real peers.</summary>
public sealed class AcmeOrderFlowTests(PebbleWithDns peers) : IClassFixture<PebbleWithDns>
{
    [Fact]
    public async Task Obtain_Dns01_IssuesAChainForTheFreshKeyThatOpensslVerifiesAgainstPebblesRoot()
    {
        using var host = new AcmeTestHost(peers.Pebble);
        using var key = AcmeAccountKey.Create();
        var session = await host.RegisterAsync(key);
        var responder = new ChallengeServerDnsResponder(peers.Dns);
        var steps = new List<AcmeProgress>();

        var result = await host.Flow.ObtainAsync(session, new AcmeOrderPlan(AcmeTestHost.Request("www.flow.example.test", "flow.example.test"), responder), new SynchronousProgress<AcmeProgress>(steps));

        Assert.True(result.Succeeded, AcmeTestHost.Describe(result.Problems) + "\n" + peers.Pebble.Output);
        using var issued = result.Value;
        Assert.Equal(issued.Key.ExportSubjectPublicKeyInfo(), issued.Certificate.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(2048, issued.Key.KeySize);
        Assert.Equal(["_acme-challenge.flow.example.test", "_acme-challenge.www.flow.example.test"], responder.Published.Select(a => a.DnsName).Order(StringComparer.Ordinal));
        Assert.Equal(responder.Published.Count, responder.Removed.Count);
        Assert.Equal(
            [AcmeStep.OrderCreated, AcmeStep.ChallengePublished, AcmeStep.ChallengeValidated, AcmeStep.ChallengePublished, AcmeStep.ChallengeValidated, AcmeStep.Finalizing, AcmeStep.Issued, AcmeStep.Downloaded],
            steps.Select(s => s.Step));
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("root.pem"), await peers.Pebble.GetRootPemAsync());
        File.WriteAllText(directory.File("leaf.pem"), issued.Certificate.ExportCertificatePem());
        File.WriteAllText(directory.File("chain.pem"), string.Concat(issued.Issuers.Select(c => c.ExportCertificatePem() + "\n")));
        Assert.Contains("leaf.pem: OK", OpenSsl.Run(directory.Path, "verify", "-CAfile", "root.pem", "-untrusted", "chain.pem", "leaf.pem"), StringComparison.Ordinal);
        var text = OpenSsl.Run(directory.Path, "x509", "-in", "leaf.pem", "-noout", "-ext", "subjectAltName");
        Assert.Contains("DNS:www.flow.example.test", text, StringComparison.Ordinal);
        Assert.Contains("DNS:flow.example.test", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeactivateAuthorization_AfterIssuance_TheNextOrderForTheNameMustProveControlAgain()
    {
        using var host = new AcmeTestHost(peers.Pebble);
        using var key = AcmeAccountKey.Create();
        var session = await host.RegisterAsync(key);
        var responder = new ChallengeServerDnsResponder(peers.Dns);
        var first = await host.Flow.ObtainAsync(session, new AcmeOrderPlan(AcmeTestHost.Request("again.flow.example.test"), responder));
        Assert.True(first.Succeeded, AcmeTestHost.Describe(first.Problems) + "\n" + peers.Pebble.Output);
        first.Value.Dispose();
        var order = await host.Client.GetOrderAsync(session, first.Value.OrderUrl);
        var authorizationUrl = Assert.Single(order.Value.Authorizations);

        var deactivated = await host.Client.DeactivateAuthorizationAsync(session, authorizationUrl);

        Assert.True(deactivated.Succeeded, AcmeTestHost.Describe(deactivated.Problems));
        Assert.Equal("deactivated", deactivated.Value.Status);
        Assert.Equal("deactivated", (await host.Client.GetAuthorizationAsync(session, authorizationUrl)).Value.Status);
        var next = await host.Client.NewOrderAsync(session, [AcmeIdentifier.Dns("again.flow.example.test")]);
        Assert.Equal("pending", next.Value.Status);
        Assert.NotEqual(authorizationUrl, Assert.Single(next.Value.Authorizations));
    }

    [Fact]
    public async Task Obtain_WrongTxtValue_FailsExplainingWhatTheCaFoundAndWhatToCheck()
    {
        using var host = new AcmeTestHost(peers.Pebble);
        using var key = AcmeAccountKey.Create();
        var session = await host.RegisterAsync(key);
        var responder = new ChallengeServerDnsResponder(peers.Dns, wrongValue: "not-the-digest-of-the-key-authorization");

        var result = await host.Flow.ObtainAsync(session, new AcmeOrderPlan(AcmeTestHost.Request("wrong.flow.example.test"), responder));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("acme.unauthorized", problem.Code);
        Assert.StartsWith("The CA could not validate 'wrong.flow.example.test' with dns-01: The CA refused:", problem.Message, StringComparison.Ordinal);
        Assert.Contains("_acme-challenge.wrong.flow.example.test", problem.Fix, StringComparison.Ordinal);
        Assert.Single(responder.Removed);
    }

    [Fact]
    public async Task Obtain_Http01ForWildcard_FailsSayingWildcardsNeedDns01()
    {
        using var host = new AcmeTestHost(peers.Pebble);
        using var key = AcmeAccountKey.Create();
        var session = await host.RegisterAsync(key);

        var result = await host.Flow.ObtainAsync(session, new AcmeOrderPlan(AcmeTestHost.Request("*.wild.example.test"), new UnusedHttpResponder()));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("acme.challenge-not-offered", problem.Code);
        Assert.Contains("'*.wild.example.test'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("dns-01", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_SameKeyTwice_ReturnsTheSameAccountAndFindFindsIt()
    {
        using var host = new AcmeTestHost(peers.Pebble);
        using var key = AcmeAccountKey.Create();
        var session = await host.RegisterAsync(key);

        var again = await host.Client.RegisterAsync(session.Directory, key, new AcmeRegistration([], TermsOfServiceAgreed: true));
        var found = await host.Client.FindAccountAsync(session.Directory, key);
        using var stranger = AcmeAccountKey.Create();
        var unknown = await host.Client.FindAccountAsync(session.Directory, stranger);

        Assert.Equal(session.AccountUrl, again.Value.Location);
        Assert.Equal(session.AccountUrl, found.Value.Location);
        Assert.Equal("valid", found.Value.Status);
        Assert.Equal("acme.account-does-not-exist", Assert.Single(unknown.Problems).Code);
    }

    [Fact]
    public async Task Register_TermsNotAgreed_FailsBeforeAskingTheCa()
    {
        using var host = new AcmeTestHost(peers.Pebble);
        using var key = AcmeAccountKey.Create();
        var directory = await host.Client.GetDirectoryAsync(peers.Pebble.DirectoryUrl);
        Assert.NotNull(directory.Value.Meta?.TermsOfService);

        var account = await host.Client.RegisterAsync(directory.Value, key, new AcmeRegistration(["admin@example.test"], TermsOfServiceAgreed: false));

        Assert.Equal("acme.terms-not-agreed", Assert.Single(account.Problems).Code);
    }

    /// <summary>Never asked to publish: pebble offers no http-01 for a wildcard (RFC 8555 §7.1.3).</summary>
    private sealed class UnusedHttpResponder : IAcmeChallengeResponder
    {
        public string ChallengeType => AcmeChallenge.Http01;

        public Task<Core.Results.Result<bool>> PublishAsync(AcmeChallengeAnswer answer, CancellationToken cancellationToken) => throw new InvalidOperationException("not offered");

        public Task<Core.Results.Result<bool>> RemoveAsync(AcmeChallengeAnswer answer, CancellationToken cancellationToken) => throw new InvalidOperationException("not offered");
    }
}
