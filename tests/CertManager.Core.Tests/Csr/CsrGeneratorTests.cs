using CertManager.Core.Csr;
using CertManager.Core.Details;
using CertManager.Core.Events;
using CertManager.Core.Results;
using CertManager.Testing;

namespace CertManager.Core.Tests.Csr;

public sealed class CsrGeneratorTests : IDisposable
{
    private readonly CoreTestHost _host = CoreTestHost.Create();
    private readonly TempDirectory _work = new("csr-test");

    private CsrGenerator Generator => _host.Get<CsrGenerator>();

    private PendingRequestStore Store => _host.Get<PendingRequestStore>();

    public void Dispose()
    {
        _host.Dispose();
        _work.Dispose();
    }

    [Fact]
    public async Task GenerateAsync_FullForm_OpenSslVerifiesSignature()
    {
        var generated = (await Generator.GenerateAsync(CsrForms.Full, "alice")).Value;
        var path = OpenSslCsr.WriteCsr(_work, generated.Pem);

        var verify = OpenSsl.TryRun(_work.Path, "req", "-verify", "-noout", "-in", path);

        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("verify OK", verify.StandardError + verify.StandardOutput, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("-----BEGIN CERTIFICATE REQUEST-----", generated.Pem);
    }

    [Fact]
    public async Task GenerateAsync_FullForm_SubjectEncodedInOrderCStLOOuCn()
    {
        var generated = (await Generator.GenerateAsync(CsrForms.Full, "alice")).Value;
        var path = OpenSslCsr.WriteCsr(_work, generated.Pem);

        // RFC 2253 writes the last encoded attribute first; openssl's default form writes them in encoded order.
        var rfc2253 = OpenSsl.Run(_work.Path, "req", "-in", path, "-noout", "-subject", "-nameopt", "RFC2253").Trim();
        var encodedOrder = OpenSsl.Run(_work.Path, "req", "-in", path, "-noout", "-subject", "-nameopt", "oneline,-space_eq").Trim();

        Assert.Equal("subject=CN=server.example.com,OU=IT,O=Example Inc.,L=Toronto,ST=Ontario,C=CA", rfc2253);
        Assert.Equal("subject=C=CA, ST=Ontario, L=Toronto, O=Example Inc., OU=IT, CN=server.example.com", encodedOrder);
        Assert.Equal("C=CA, ST=Ontario, L=Toronto, O=Example Inc., OU=IT, CN=server.example.com", generated.Subject);
        Assert.Equal(["C", "ST", "L", "O", "OU", "CN"], generated.SubjectFields.Lines.Select(l => l.Label));
    }

    [Fact]
    public async Task GenerateAsync_FullForm_RequestsExactlyTheAlternateNames()
    {
        var form = CsrForms.Full with { AlternateNames = ["www.example.com", "WWW.example.com", "192.168.1.10", "fd00::1", "bücher.example"] };

        var generated = (await Generator.GenerateAsync(form, "alice")).Value;
        var text = OpenSslCsr.Text(_work, OpenSslCsr.WriteCsr(_work, generated.Pem));

        Assert.Equal(
            "DNS:server.example.com, DNS:www.example.com, IP Address:192.168.1.10, IP Address:FD00:0:0:0:0:0:0:1, DNS:xn--bcher-kva.example",
            OpenSslCsr.AlternateNamesLine(text));
        Assert.Equal(
            ["DNS:server.example.com", "DNS:www.example.com", "IP:192.168.1.10", "IP:fd00::1", "DNS:xn--bcher-kva.example"],
            generated.AlternateNames.Select(n => n.ToString()));
    }

    [Fact]
    public async Task GenerateAsync_DefaultKeyAndHash_Rsa2048Sha256AsOpenSslReadsIt()
    {
        var generated = (await Generator.GenerateAsync(CsrForms.Minimal(), "alice")).Value;
        var text = OpenSslCsr.Text(_work, OpenSslCsr.WriteCsr(_work, generated.Pem));

        Assert.Contains("Public-Key: (2048 bit)", text);
        Assert.Contains("Signature Algorithm: sha256WithRSAEncryption", text);
        Assert.Equal(("RSA", 2048, "sha256WithRSAEncryption"), (generated.KeyAlgorithm, generated.KeySizeBits, generated.SignatureAlgorithm));
    }

    [Fact]
    public async Task GenerateAsync_Rsa3072Sha384_OpenSslReadsKeySizeAndSignature()
    {
        var generated = (await Generator.GenerateAsync(CsrForms.Minimal() with { KeySize = 3072, Hash = CsrHashAlgorithm.Sha384 }, "alice")).Value;
        var text = OpenSslCsr.Text(_work, OpenSslCsr.WriteCsr(_work, generated.Pem));

        Assert.Contains("Public-Key: (3072 bit)", text);
        Assert.Contains("Signature Algorithm: sha384WithRSAEncryption", text);
        Assert.Equal(3072, generated.KeySizeBits);
    }

    [Fact]
    public async Task GenerateAsync_Rsa4096Sha512_VerifiesAndReportsSize()
    {
        var generated = (await Generator.GenerateAsync(CsrForms.Full with { KeySize = 4096, Hash = CsrHashAlgorithm.Sha512 }, "alice")).Value;
        var path = OpenSslCsr.WriteCsr(_work, generated.Pem);

        Assert.Equal(0, OpenSsl.TryRun(_work.Path, "req", "-verify", "-noout", "-in", path).ExitCode);
        var text = OpenSslCsr.Text(_work, path);
        Assert.Contains("Public-Key: (4096 bit)", text);
        Assert.Contains("Signature Algorithm: sha512WithRSAEncryption", text);
        Assert.Equal(("sha512WithRSAEncryption", 4096), (generated.SignatureAlgorithm, generated.KeySizeBits));
    }

    [Fact]
    public async Task GenerateAsync_Generated_FingerprintIsSha256OfPublicKeyAsOpenSslComputesIt()
    {
        var generated = (await Generator.GenerateAsync(CsrForms.Minimal(), "alice")).Value;

        var expected = OpenSslCsr.PublicKeySha256(_work, OpenSslCsr.WriteCsr(_work, generated.Pem));

        Assert.Equal(expected, generated.PublicKeySha256.Replace(":", string.Empty, StringComparison.Ordinal));
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", generated.PublicKeySha256);
    }

    [Fact]
    public async Task GenerateAsync_Generated_StoredAsPendingWithCreatorAndTime()
    {
        var generated = (await Generator.GenerateAsync(CsrForms.Full, "alice")).Value;

        var pending = Assert.Single(await Store.ListPendingAsync());
        Assert.Equal(generated.PendingRequestId, pending.Id);
        Assert.Equal(("alice", _host.Time.GetUtcNow()), (pending.CreatedBy, pending.Created));
        Assert.Equal(generated.Subject, pending.Subject);
        Assert.Equal(generated.AlternateNames, pending.AlternateNames);
        Assert.Equal((2048, CsrHashAlgorithm.Sha256, generated.PublicKeySha256), (pending.KeySizeBits, pending.Hash, pending.PublicKeySha256));
        Assert.Equal(generated.Pem, (await Store.GetCsrPemAsync(generated.PendingRequestId)).Value);
    }

    [Fact]
    public async Task GenerateAsync_Generated_RecordsCsrEventWithActorSubjectKeySizeAndFingerprint()
    {
        var generated = (await Generator.GenerateAsync(CsrForms.Full, "alice")).Value;

        var recorded = Assert.Single(await _host.Get<EventRecorder>().ListRecentAsync(10));
        Assert.Equal(("csr", "alice", EventSeverity.Info), (recorded.Source, recorded.Actor, recorded.Severity));
        Assert.Contains(generated.Subject, recorded.Message);
        Assert.Contains("RSA 2048 key", recorded.Message);
        Assert.Contains(generated.PublicKeySha256, recorded.Message);
        Assert.DoesNotContain("PRIVATE", recorded.Message);
    }

    [Fact]
    public async Task GenerateAsync_InvalidForm_FailsAndStoresNothing()
    {
        var result = await Generator.GenerateAsync(CsrForms.Full with { CommonName = "https://server.example.com" }, "alice");

        Assert.False(result.Succeeded);
        Assert.Equal("csr.common-name-url", Assert.Single(result.Problems, p => p.Severity == Severity.Error).Code);
        Assert.Empty(await Store.ListPendingAsync());
        Assert.Empty(await _host.Get<EventRecorder>().ListRecentAsync(10));
    }

    [Fact]
    public async Task GenerateAsync_FormWithWarnings_SucceedsWithWarningsAlongside()
    {
        var result = await Generator.GenerateAsync(CsrForms.Full with { State = "ON" }, "alice");

        Assert.True(result.Succeeded);
        Assert.Contains(result.Problems, p => p.Code == "csr.state-abbreviated");
        Assert.Contains(result.Problems, p => p.Code == "csr.alternate-name-ip-address");
    }

    [Fact]
    public async Task GenerateAsync_TwoAtOnce_BothStoredWithDistinctKeys()
    {
        var first = Generator.GenerateAsync(CsrForms.Minimal("one.example.com"), "alice");
        var second = Generator.GenerateAsync(CsrForms.Minimal("two.example.com"), "bob");

        var results = await Task.WhenAll(first, second);

        Assert.All(results, r => Assert.True(r.Succeeded));
        var pending = await Store.ListPendingAsync();
        Assert.Equal(2, pending.Count);
        Assert.NotEqual(results[0].Value.PublicKeySha256, results[1].Value.PublicKeySha256);
        Assert.NotEqual(results[0].Value.PendingRequestId, results[1].Value.PendingRequestId);
        Assert.Equal(["CN=one.example.com", "CN=two.example.com"], pending.Select(p => p.Subject).Order());
        foreach (var result in results)
        {
            var path = OpenSslCsr.WriteCsr(_work, result.Value.Pem, $"{result.Value.PendingRequestId}.csr");
            Assert.Equal(OpenSslCsr.PublicKeySha256(_work, path), result.Value.PublicKeySha256.Replace(":", string.Empty, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task GenerateAsync_Generated_SubjectFieldsDecodedFromTheCsr()
    {
        var generated = (await Generator.GenerateAsync(CsrForms.Full with { Organization = "Exämple, Inc." }, "alice")).Value;

        Assert.Equal("Exämple, Inc.", generated.SubjectFields.Organization);
        Assert.Equal(new NameField("CN", "server.example.com"), generated.SubjectFields.Lines[^1]);
    }
}
