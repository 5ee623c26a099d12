using System.Security.Cryptography;
using System.Text;
using CertManager.Core.Chain;
using CertManager.Core.Import;
using CertManager.Core.Results;
using CertManager.Testing;

namespace CertManager.Core.Tests.Import;

/// <summary>
/// Damaged and hostile uploads, derived with a fixed seed from valid files openssl made: the importer and the chain
/// doctor must never throw or hang, and everything they cannot use must come back as a problem with a code, a message
/// and a fix. The time bound only catches hangs; it is not a performance target.
/// </summary>
public sealed class ImportRobustnessTests(ImportRobustnessTests.SeedFixture fixture) : IClassFixture<ImportRobustnessTests.SeedFixture>
{
    /// <summary>
    /// A hang guard, far above what any input takes on a quiet machine (well under a second), so that CI's parallel
    /// load cannot trip it; how fast import and examination are is measured by the benchmarks.
    /// </summary>
    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(90);

    public static TheoryData<string> SeedNames() => new(SeedFixture.Names);

    [Theory]
    [MemberData(nameof(SeedNames))]
    public async Task ImportAndExamine_MutatedInputs_NeverThrowNorHangAndExplainEveryFailure(string seedName)
    {
        var seed = fixture.Seeds[seedName];
        var random = new Random(20_260_611 + SeedFixture.Names.IndexOf(seedName));
        var failures = new List<string>();
        foreach (var (mutation, content) in Mutations(seed, random))
        {
            await CheckAsync(fixture, $"{seedName}/{mutation}", content, failures);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    [Fact]
    public async Task ImportAndExamine_HugeAndManyBlockInputs_AreBoundedAndExplained()
    {
        var failures = new List<string>();
        var random = new Random(7);
        var twoMiB = new byte[2 * 1024 * 1024];
        random.NextBytes(twoMiB);
        await CheckAsync(fixture, "2 MiB random", twoMiB, failures);
        var hugePem = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(fixture.Pki.IntermediatePem, (2 * 1024 * 1024 / fixture.Pki.IntermediatePem.Length) + 1)));
        await CheckAsync(fixture, "2 MiB of PEM", hugePem, failures);
        var tinyBlocks = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", 1000)));
        await CheckAsync(fixture, "1000 damaged PEM blocks", tinyBlocks, failures);
        var thousandCertificates = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(fixture.Pki.IntermediatePem, 1000)));
        await CheckAsync(fixture, "1000 certificate blocks", thousandCertificates, failures);
        var unterminated = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("-----BEGIN CERTIFICATE-----\n", 20_000)));
        await CheckAsync(fixture, "20000 BEGIN lines without END", unterminated, failures);

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
        using var material = fixture.Host.Get<CertificateImporter>().Import([new ImportInput("huge.pem", hugePem, ImportSlot.Certificate)], null);
        Assert.Equal("import.too-large", Assert.Single(material.Problems).Code);
        using var many = fixture.Host.Get<CertificateImporter>().Import([new ImportInput("many.pem", thousandCertificates, ImportSlot.Certificate)], null);
        Assert.Equal(1000, many.Certificates.Count);
        using var examination = await fixture.Host.Get<ChainDoctor>().ExamineChainAsync(many);
        Assert.Equal(999, examination.Report.Problems.Count(p => p.Code == "bundle.duplicate"));
        using var limited = ImportFixture.Importer(new ImportOptions { MaxInputBytes = 2 * 1024 * 1024 }).Import([new ImportInput("many.pem", thousandCertificates, ImportSlot.Certificate)], null);
        Assert.Equal(64, limited.Certificates.Count);
        Assert.Equal("import.too-many-blocks", Assert.Single(limited.Problems).Code);
    }

    private static async Task CheckAsync(SeedFixture fixture, string name, byte[] content, List<string> failures)
    {
        var importer = fixture.Host.Get<CertificateImporter>();
        var doctor = fixture.Host.Get<ChainDoctor>();
        var intermediate = ImportInput.FromText("chain.pem", fixture.Pki.IntermediatePem, ImportSlot.Intermediates);
        foreach (var password in new[] { "secret", null })
        {
            try
            {
                await Task.Run(async () =>
                {
                    using var material = importer.Import([new ImportInput("upload", content, ImportSlot.Certificate), intermediate], password);
                    if (material.Certificates.Count == 0 && material.Keys.Count == 0 && material.Problems.Count == 0)
                    {
                        failures.Add($"{name}: nothing read and no problem reported");
                    }

                    using var chain = await doctor.ExamineChainAsync(material);
                    using var install = await doctor.ExamineForInstallAsync(material);
                    foreach (var problem in chain.Report.Problems.Concat(install.Report.Problems))
                    {
                        if (!IsExplained(problem))
                        {
                            failures.Add($"{name}: unexplained problem {problem}");
                        }
                    }
                }).WaitAsync(HangBound);
            }
            catch (TimeoutException)
            {
                failures.Add($"{name}: did not return within {HangBound.TotalSeconds:0} s");
            }
            catch (Exception exception)
            {
                failures.Add($"{name} (password {password ?? "none"}): {exception.GetType().Name}: {exception.Message} at {exception.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("CertManager", StringComparison.Ordinal))?.Trim()}");
            }
        }
    }

    private static bool IsExplained(Problem problem) =>
        !string.IsNullOrWhiteSpace(problem.Code) && !string.IsNullOrWhiteSpace(problem.Message) && !string.IsNullOrWhiteSpace(problem.Fix);

    private static IEnumerable<(string Mutation, byte[] Content)> Mutations(byte[] seed, Random random)
    {
        for (var i = 0; i < 40; i++)
        {
            var flipped = (byte[])seed.Clone();
            var flips = random.Next(1, 4);
            for (var f = 0; f < flips; f++)
            {
                flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
            }

            yield return ($"bit flip {i}", flipped);
        }

        for (var i = 1; i <= 24; i++)
        {
            var length = i == 24 ? random.Next(1, seed.Length) : seed.Length * i / 24 - 1;
            yield return ($"truncated at {length}", seed[..Math.Max(length, 1)]);
        }

        for (var i = 0; i < 8; i++)
        {
            var bytes = new byte[random.Next(1, 4096)];
            random.NextBytes(bytes);
            if (i % 2 == 0)
            {
                // Random bytes behind a valid-looking DER header, so the format sniffers go a step further.
                bytes[0] = seed[0];
                if (bytes.Length > 1)
                {
                    bytes[1] = seed[1];
                }
            }

            yield return ($"random {i}", bytes);
        }

        var text = Encoding.Latin1.GetString(seed);
        if (text.Contains("-----BEGIN ", StringComparison.Ordinal))
        {
            var firstBegin = text[text.IndexOf("-----BEGIN ", StringComparison.Ordinal)..];
            var beginLine = firstBegin[..(firstBegin.IndexOf('\n', StringComparison.Ordinal) + 1)];
            yield return ("BEGIN line doubled", Encoding.Latin1.GetBytes(text.Replace(beginLine, beginLine + beginLine, StringComparison.Ordinal)));
            yield return ("END lines removed", Encoding.Latin1.GetBytes(text.Replace("-----END", "-----FIN", StringComparison.Ordinal)));
            yield return ("label garbled", Encoding.Latin1.GetBytes(text.Replace("-----BEGIN ", "-----BEGIN X", StringComparison.Ordinal)));
            yield return ("dashes cut", Encoding.Latin1.GetBytes(text.Replace("-----\n", "---\n", StringComparison.Ordinal)));
            yield return ("base64 with stray characters", Encoding.Latin1.GetBytes(text.Replace("A", "A*", StringComparison.Ordinal)));
            yield return ("blocks nested", Encoding.Latin1.GetBytes(beginLine + text + text));
            yield return ("empty block", Encoding.Latin1.GetBytes(beginLine + beginLine.Replace("BEGIN", "END", StringComparison.Ordinal)));
            yield return ("header lines only", Encoding.Latin1.GetBytes(text.Replace("\n", "\nX-Header: value\n", StringComparison.Ordinal)));
            yield return ("no newlines", Encoding.Latin1.GetBytes(text.Replace("\n", string.Empty, StringComparison.Ordinal)));
        }
        else
        {
            yield return ("DER armoured as wrong label", Encoding.ASCII.GetBytes(PemEncoding.WriteString("CERTIFICATE", seed)));
            yield return ("DER armoured as key", Encoding.ASCII.GetBytes(PemEncoding.WriteString("PRIVATE KEY", seed)));
            yield return ("DER armoured as PKCS7", Encoding.ASCII.GetBytes(PemEncoding.WriteString("PKCS7", seed)));
            yield return ("DER twice", [.. seed, .. seed]);
        }
    }

    /// <summary>Valid files of every accepted format, made once by openssl, and one console host to read them.</summary>
    public sealed class SeedFixture : IDisposable
    {
        public static readonly List<string> Names =
        [
            "leaf.pem", "bundle.pem", "leaf.der", "chain.p7b", "chain-pem.p7b", "modern.p12", "legacy.p12", "nomac.p12",
            "pkcs8.key", "pkcs1.key", "traditional-encrypted.key", "pkcs8-encrypted.key", "pkcs8-encrypted.der", "ec.key",
        ];

        public SeedFixture()
        {
            var (leaf, key) = Pki.IssueServer("console.example.test");
            Host = CoreTestHost.Create(
                new Dictionary<string, string?> { ["CertManager:Import:MaxPemBlocks"] = "1000", ["CertManager:Import:MaxInputBytes"] = "1572864" },
                now: DateTimeOffset.UtcNow.AddMinutes(5));
            Seeds = new Dictionary<string, byte[]>(StringComparer.Ordinal)
            {
                ["leaf.pem"] = File.ReadAllBytes(leaf),
                ["bundle.pem"] = [.. File.ReadAllBytes(key), .. File.ReadAllBytes(Pki.IntermediatePath), .. File.ReadAllBytes(leaf)],
                ["leaf.der"] = Make("leaf.der", "x509", "-in", leaf, "-outform", "DER", "-out", "leaf.der"),
                ["chain.p7b"] = File.ReadAllBytes(Pki.ExportP7b(false, leaf, Pki.IntermediatePath)),
                ["chain-pem.p7b"] = File.ReadAllBytes(Pki.ExportP7b(true, leaf, Pki.IntermediatePath)),
                ["modern.p12"] = File.ReadAllBytes(Pki.ExportPkcs12(leaf, key, "secret")),
                ["legacy.p12"] = File.ReadAllBytes(Pki.ExportPkcs12(leaf, key, "secret", legacy: true)),
                ["nomac.p12"] = Make("nomac.p12", "pkcs12", "-export", "-in", leaf, "-inkey", key, "-nomac", "-passout", "pass:secret", "-out", "nomac.p12"),
                ["pkcs8.key"] = File.ReadAllBytes(key),
                ["pkcs1.key"] = Make("pkcs1.key", "rsa", "-in", key, "-traditional", "-out", "pkcs1.key"),
                ["traditional-encrypted.key"] = Make("trad.key", "rsa", "-in", key, "-aes256", "-traditional", "-passout", "pass:secret", "-out", "trad.key"),
                ["pkcs8-encrypted.key"] = Make("p8e.key", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", key, "-passout", "pass:secret", "-out", "p8e.key"),
                ["pkcs8-encrypted.der"] = Make("p8e.der", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", key, "-passout", "pass:secret", "-outform", "DER", "-out", "p8e.der"),
                ["ec.key"] = Make("ec.key", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.key"),
            };
            Assert.Equal(Names.Order(StringComparer.Ordinal), Seeds.Keys.Order(StringComparer.Ordinal));
        }

        public TestPki Pki { get; } = new("Robust");

        public CoreTestHost Host { get; }

        public IReadOnlyDictionary<string, byte[]> Seeds { get; }

        public void Dispose()
        {
            Host.Dispose();
            Pki.Dispose();
        }

        private byte[] Make(string output, params string[] arguments)
        {
            Pki.Run(arguments);
            return File.ReadAllBytes(Pki.File(output));
        }
    }
}
