using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Csr;
using CertManager.Scep.Protocol;
using CertManager.Scep.Tests.Support;
using CertManager.Scep.Transport;
using CertManager.Testing;

namespace CertManager.Scep.Tests;

/// <summary>The SCEP client against Debian's scepserver on loopback: the real peer, started per test.</summary>
public sealed class ScepClientTests
{
    [Fact]
    public async Task Contact_Scepserver_ChoosesSha256AesAndPostAndReturnsItsCa()
    {
        using var server = ScepServer.Start();
        using var host = new ScepTestHost();

        var contact = await host.Get<ScepClient>().ContactAsync(Endpoint(server.Url));

        Assert.True(contact.Succeeded, string.Join("\n", contact.Problems.Select(p => p.Message)));
        Assert.Equal("SHA-256", contact.Value.Algorithms.DigestName);
        Assert.Equal("AES-128-CBC", contact.Value.Algorithms.CipherName);
        Assert.True(contact.Value.Capabilities.PostPkiOperation);
        using var ca = server.CaCertificate;
        var received = Assert.Single(contact.Value.Certificates.Certificates);
        Assert.Equal(ca.RawData, received.RawData);
        Assert.True(contact.Value.Certificates.MatchesFingerprint(TlsProbe.Sha256Fingerprint(ca)));
        Assert.False(contact.Value.Certificates.HasRegistrationAuthority);
    }

    [Fact]
    public async Task Enroll_RightChallenge_IssuesACertificateForTheRequestKeySignedByTheCa()
    {
        using var server = ScepServer.Start();
        using var host = new ScepTestHost();
        var client = host.Get<ScepClient>();
        var ca = (await client.ContactAsync(Endpoint(server.Url))).Value;
        using var key = RSA.Create(2048);
        var request = Csr("enrolled.example.test");

        var steps = new List<ScepStep>();
        var reply = await client.EnrollAsync(ca, key, ScepCsr.Create(key, request, server.Challenge, HashAlgorithmName.SHA256), ScepCsr.Subject(request), new SynchronousProgress(steps));

        Assert.True(reply.Succeeded, string.Join("\n", reply.Problems.Select(p => p.Message)) + "\n" + server.Output);
        Assert.Equal(PkiStatus.Success, reply.Value.Status);
        var issued = reply.Value.Issued!;
        Assert.Equal("CN=enrolled.example.test", issued.Subject);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), issued.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal([ScepStep.RequestSignedAndEncrypted, ScepStep.RequestSent, ScepStep.Issued], steps);
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("leaf.pem"), issued.ExportCertificatePem());
        Assert.Contains("leaf.pem: OK", OpenSsl.Run(directory.Path, "verify", "-CAfile", server.CaCertificatePath, "leaf.pem"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renew_SignedWithTheCurrentCertificate_IssuesForTheNewKeyThroughARenewalReq()
    {
        using var server = ScepServer.Start();
        using var host = new ScepTestHost();
        var client = host.Get<ScepClient>();
        var ca = (await client.ContactAsync(Endpoint(server.Url))).Value;
        using var currentKey = RSA.Create(2048);
        var request = Csr("renewed.example.test");
        var enrolled = await client.EnrollAsync(ca, currentKey, ScepCsr.Create(currentKey, request, server.Challenge, HashAlgorithmName.SHA256), ScepCsr.Subject(request));
        Assert.True(enrolled.Succeeded, string.Join("\n", enrolled.Problems.Select(p => p.Message)) + "\n" + server.Output);
        using var current = enrolled.Value.Issued!;
        using var newKey = RSA.Create(2048);

        // scepserver asks for its challenge on every request, renewals included; NDES can be set up the same way.
        var renewed = await client.RenewAsync(ca, current, currentKey, newKey, ScepCsr.Create(newKey, request, server.Challenge, HashAlgorithmName.SHA256));

        Assert.True(renewed.Succeeded, string.Join("\n", renewed.Problems.Select(p => p.Message)) + "\n" + server.Output);
        using var issued = renewed.Value.Issued!;
        Assert.Equal(newKey.ExportSubjectPublicKeyInfo(), issued.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.NotEqual(current.SerialNumber, issued.SerialNumber);
        Assert.Equal("CN=renewed.example.test", issued.Subject);
        Assert.Contains("scep_message_type=\"RenewalReq (17)\"", server.Output, StringComparison.Ordinal);
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("leaf.pem"), issued.ExportCertificatePem());
        Assert.Contains("leaf.pem: OK", OpenSsl.Run(directory.Path, "verify", "-CAfile", server.CaCertificatePath, "leaf.pem"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renew_CaWantsAnEnrollmentPasswordForRenewals_SaysTheRenewalWasRefusedAndWhatToDo()
    {
        using var server = ScepServer.Start();
        using var host = new ScepTestHost();
        var client = host.Get<ScepClient>();
        var ca = (await client.ContactAsync(Endpoint(server.Url))).Value;
        using var currentKey = RSA.Create(2048);
        var request = Csr("refused.example.test");
        var enrolled = await client.EnrollAsync(ca, currentKey, ScepCsr.Create(currentKey, request, server.Challenge, HashAlgorithmName.SHA256), ScepCsr.Subject(request));
        using var current = enrolled.Value.Issued!;
        using var newKey = RSA.Create(2048);

        var renewed = await client.RenewAsync(ca, current, currentKey, newKey, ScepCsr.Create(newKey, request, challenge: null, HashAlgorithmName.SHA256));

        var problem = Assert.Single(renewed.Problems);
        Assert.Equal("scep.renewal-refused", problem.Code);
        Assert.Contains("CN=refused.example.test", problem.Message, StringComparison.Ordinal);
        Assert.Contains("enrollment password", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enroll_WrongChallenge_FailsWithBadRequestNamingTheEnrollmentPassword()
    {
        using var server = ScepServer.Start(challenge: "the-right-one");
        using var host = new ScepTestHost();

        var reply = await EnrollAsync(host, server, "wrong-password");

        var problem = Assert.Single(reply.Problems);
        Assert.Equal("scep.rejected-bad-request", problem.Code);
        Assert.Contains("wrong or expired enrollment password", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enroll_CsrVerifierRejects_FailsWithTheCaRejection()
    {
        using var server = ScepServer.Start(rejectAll: true);
        using var host = new ScepTestHost();

        var reply = await EnrollAsync(host, server, server.Challenge);

        Assert.False(reply.Succeeded);
        Assert.Equal("scep.rejected-bad-request", Assert.Single(reply.Problems).Code);
    }

    [Fact]
    public async Task Contact_ServerDown_SaysNothingAnswers()
    {
        using var host = new ScepTestHost();

        var contact = await host.Get<ScepClient>().ContactAsync(Endpoint($"http://127.0.0.1:{FreePort.Next()}/scep"));

        var problem = Assert.Single(contact.Problems);
        Assert.Equal("scep.unreachable", problem.Code);
        Assert.Contains("refused", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contact_WrongUriPath_SaysNoScepServiceIsThere()
    {
        using var server = ScepServer.Start();
        using var host = new ScepTestHost();

        var contact = await host.Get<ScepClient>().ContactAsync(Endpoint($"http://127.0.0.1:{server.Port}{ScepEndpoint.NdesPath}"));

        var problem = Assert.Single(contact.Problems);
        Assert.Equal("scep.not-found", problem.Code);
        Assert.Contains(ScepEndpoint.NdesPath, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enroll_ComparedWithDebianScepclient_BothAcceptedAndIssuedTheSameProfile()
    {
        using var server = ScepServer.Start();
        using var host = new ScepTestHost();

        var ours = await EnrollAsync(host, server, server.Challenge, "ours.example.test");
        var theirs = server.RunScepClient("theirs.example.test");

        Assert.True(ours.Succeeded, string.Join("\n", ours.Problems.Select(p => p.Message)));
        Assert.True(theirs.ExitCode == 0, theirs.Output);
        using var reference = X509CertificateLoader.LoadCertificateFromFile(theirs.CertificatePath);
        var issued = ours.Value.Issued!;
        Assert.Equal(reference.Issuer, issued.Issuer);
        Assert.Equal(Usages(reference), Usages(issued));
        Assert.Equal(reference.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages, issued.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Equal(reference.NotAfter - reference.NotBefore, issued.NotAfter - issued.NotBefore);
        // Only the requested names differ: scepclient requests none, ours requests the common name as subjectAltName.
        Assert.DoesNotContain(reference.Extensions, e => e.Oid?.Value == "2.5.29.17");
        Assert.Equal(["ours.example.test"], issued.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
    }

    [Fact]
    public async Task Enroll_WrongChallengeWithDebianScepclient_AlsoRefused()
    {
        // The referee: the same server refuses the independent client for the same reason, so the failure above is the server's policy.
        using var server = ScepServer.Start(challenge: "the-right-one");

        var theirs = server.RunScepClient("theirs.example.test", challenge: "wrong-password");

        Assert.NotEqual(0, theirs.ExitCode);
    }

    private static async Task<CertManager.Core.Results.Result<ScepReply>> EnrollAsync(ScepTestHost host, ScepServer server, string challenge, string commonName = "enrolled.example.test")
    {
        var client = host.Get<ScepClient>();
        var contact = await client.ContactAsync(Endpoint(server.Url));
        Assert.True(contact.Succeeded, string.Join("\n", contact.Problems.Select(p => p.Message)));
        using var key = RSA.Create(2048);
        var request = Csr(commonName);
        return await client.EnrollAsync(contact.Value, key, ScepCsr.Create(key, request, challenge, HashAlgorithmName.SHA256), ScepCsr.Subject(request));
    }

    private static List<string?> Usages(X509Certificate2 certificate) =>
        [.. certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SelectMany(e => e.EnhancedKeyUsages.Cast<Oid>()).Select(o => o.Value)];

    internal static ScepEndpoint Endpoint(string url) => ScepEndpoint.TryParse(url, out var reason) ?? throw new ArgumentException(reason);

    internal static ValidatedCsrRequest Csr(string commonName) => CsrRequestValidator.Validate(new CsrForm { CommonName = commonName }).Value;

    private sealed class SynchronousProgress(List<ScepStep> steps) : IProgress<ScepStep>
    {
        public void Report(ScepStep value) => steps.Add(value);
    }
}
