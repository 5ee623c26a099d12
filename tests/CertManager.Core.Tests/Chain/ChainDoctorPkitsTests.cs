using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain;
using CertManager.Core.Import;
using CertManager.Testing;

namespace CertManager.Core.Tests.Chain;

/// <summary>
/// NIST PKITS (RFC 5280 path validation conformance) through the console's own path: the DER files are imported with
/// <see cref="CertificateImporter"/> as an administrator would upload them (end entity as "SSL Certificate", the rest as
/// intermediates), then examined by <see cref="ChainDoctor"/> against the PKITS trust anchor only, at the suite's fixed time.
/// </summary>
public sealed class ChainDoctorPkitsTests(ChainDoctorPkitsTests.HostFixture fixture) : IClassFixture<ChainDoctorPkitsTests.HostFixture>
{
    /// <summary>The time every PKITS certificate was meant to be validated at (the suite's README).</summary>
    private static readonly DateTimeOffset ValidationTime = new(2011, 4, 15, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Variants where our verdict differs from PKITS, each with the measured reason. Each one has its own test below
    /// that asserts the deviation, so a platform change that fixes it shows up as a failing test.
    /// </summary>
    private static readonly Dictionary<string, string> KnownDeviations = new(StringComparer.Ordinal)
    {
        // Measured on .NET 10 / OpenSSL 3.0: the end entity's DSA key inherits its parameters from the issuing CA
        // (RFC 3279 2.3.2); X509Chain cannot use such a key and Build throws, which the validator reports as
        // chain.unverifiable, so the valid path is reported invalid.
        ["4.1.5"] = "DSA parameter inheritance: the platform validator throws, reported as chain.unverifiable",
    };

    public static TheoryData<string> PlainVariants()
    {
        var data = new TheoryData<string>();
        foreach (var c in PkitsCase.All.Values.Where(c => c.IsPlain && !KnownDeviations.ContainsKey(c.Variant)))
        {
            data.Add(c.Variant);
        }

        return data;
    }

    [Fact]
    public void Manifest_PlainVariants_AreTheNinetyTheSuiteDescribes()
    {
        var plain = PkitsCase.All.Values.Where(c => c.IsPlain).ToList();

        Assert.Equal(90, plain.Count);
        Assert.Equal(44, plain.Count(c => c.ExpectedValid));
        Assert.All(KnownDeviations.Keys, variant => Assert.True(PkitsCase.All[variant].IsPlain, variant));
    }

    [Theory]
    [MemberData(nameof(PlainVariants))]
    public async Task ExamineChainAsync_PkitsPlainVariant_PathVerdictMatchesPkits(string variant)
    {
        var pkits = PkitsCase.All[variant];

        using var examination = await ExamineAsync(pkits);

        var report = examination.Report;
        Assert.DoesNotContain(report.Problems, p => p.Code.StartsWith("import.", StringComparison.Ordinal));
        Assert.Equal(Fingerprint(pkits.EndEntity), report.ServerCertificate?.Sha256Fingerprint);
        Assert.True(pkits.ExpectedValid == report.PathValid, $"{pkits.Name}: expected {(pkits.ExpectedValid ? "valid" : "invalid")}; problems: {string.Join(" | ", report.Problems.Select(p => $"{p.Code}: {p.Message}"))}");
        if (!pkits.ExpectedValid)
        {
            // An invalid path is always explained by at least one error, never by silence.
            Assert.Contains(report.Problems, p => p.Severity == Results.Severity.Error && p.Code.StartsWith("chain.", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ExamineChainAsync_Pkits415DsaParameterInheritance_IsAKnownDeviationReportedAsUnverifiable()
    {
        var pkits = PkitsCase.All["4.1.5"];
        Assert.True(pkits.ExpectedValid);

        using var examination = await ExamineAsync(pkits);

        Assert.False(examination.Report.PathValid);
        Assert.Contains(examination.Report.Problems, p => p.Code == "chain.unverifiable");
    }

    private async Task<Examination> ExamineAsync(PkitsCase pkits)
    {
        var inputs = pkits.Certs[..^1]
            .Select(file => new ImportInput(file, PkitsCase.Read(file), ImportSlot.Intermediates))
            .Prepend(new ImportInput(pkits.EndEntity, PkitsCase.Read(pkits.EndEntity), ImportSlot.Certificate))
            .ToList();
        using var material = fixture.Host.Get<CertificateImporter>().Import(inputs, password: null);
        Assert.Equal(pkits.Certs.Length, material.Certificates.Count);
        using var anchor = X509CertificateLoader.LoadCertificate(PkitsCase.Read(pkits.TrustAnchor));
        return await fixture.Host.Get<ChainDoctor>().ExamineChainAsync(material, new ChainValidationOptions { TrustedRoots = [anchor], At = ValidationTime });
    }

    private static string Fingerprint(string file)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(PkitsCase.Read(file));
        return Core.Details.CertificateDetailsReader.FormatHex(certificate.GetCertHash(HashAlgorithmName.SHA256));
    }

    /// <summary>One console host for all variants: the examination reads no state, and migrating a database per case is slow.</summary>
    public sealed class HostFixture : IDisposable
    {
        public CoreTestHost Host { get; } = CoreTestHost.Create();

        public void Dispose() => Host.Dispose();
    }
}
