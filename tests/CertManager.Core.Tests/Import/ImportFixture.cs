using CertManager.Core.Import;
using CertManager.Testing;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Tests.Import;

/// <summary>One openssl-made PKI and RSA server certificate shared by the import tests; every other file is derived from them by openssl.</summary>
public sealed class ImportFixture : IDisposable
{
    public ImportFixture()
    {
        (LeafPath, KeyPath) = Pki.IssueServer("www.example.test");
    }

    public TestPki Pki { get; } = new("Import");

    public string LeafPath { get; }

    /// <summary>The leaf's key as PKCS#8 PEM (what <c>openssl req -nodes</c> writes).</summary>
    public string KeyPath { get; }

    public static CertificateImporter Importer(ImportOptions? options = null) => new(Options.Create(options ?? new ImportOptions()));

    /// <summary>Runs openssl in the PKI's folder and returns the bytes of <paramref name="output"/>, a file it wrote there.</summary>
    public byte[] Make(string output, params string[] arguments)
    {
        Pki.Run(arguments);
        return File.ReadAllBytes(Pki.File(output));
    }

    /// <summary>openssl's DER SubjectPublicKeyInfo of a key file, the referee for every key the importer reads.</summary>
    public byte[] PublicKeyOf(string keyPath, string? password = null)
    {
        var output = $"{Guid.NewGuid():N}.spki";
        var arguments = new List<string> { "pkey", "-in", keyPath, "-pubout", "-outform", "DER", "-out", output };
        if (password is not null)
        {
            arguments.AddRange(["-passin", $"pass:{password}"]);
        }

        return Make(output, [.. arguments]);
    }

    public void Dispose() => Pki.Dispose();
}
