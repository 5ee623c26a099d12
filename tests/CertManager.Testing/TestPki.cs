using System.Globalization;

namespace CertManager.Testing;

/// <summary>
/// A small PKI made at run time with the openssl CLI: a root CA, an intermediate CA under it, and leaves signed by
/// the intermediate from CSRs or fresh keys. Nothing is checked in, so nothing expires in the repository.
/// </summary>
public sealed class TestPki : IDisposable
{
    private readonly TempDirectory _directory = new("certmanager-pki");
    private int _serial = 1000;

    public TestPki(string name = "Test")
    {
        Name = name;
        Run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.pem", "-days", "3650", "-sha256",
            "-subj", $"/C=CA/O={name} PKI/CN={name} Root CA",
            "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        Run("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "intermediate.key", "-out", "intermediate.csr", "-subj", $"/C=CA/O={name} PKI/CN={name} Issuing CA");
        System.IO.File.WriteAllText(File("intermediate.ext"), "basicConstraints=critical,CA:true,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\nauthorityInfoAccess=caIssuers;URI:http://pki.example.test/root.cer\n");
        Run("x509", "-req", "-in", "intermediate.csr", "-CA", "root.pem", "-CAkey", "root.key", "-set_serial", NextSerial(), "-days", "1825", "-sha256", "-extfile", "intermediate.ext", "-out", "intermediate.pem");
    }

    public string Name { get; }

    public string Directory => _directory.Path;

    public string RootPath => File("root.pem");

    public string IntermediatePath => File("intermediate.pem");

    public string RootPem => System.IO.File.ReadAllText(RootPath);

    public string IntermediatePem => System.IO.File.ReadAllText(IntermediatePath);

    public string File(string name) => _directory.File(name);

    /// <summary>Signs a CSR with the intermediate CA as a TLS server certificate, copying its SANs; returns the certificate PEM.</summary>
    public string SignCsr(string csrPem, int days = 90, bool serverAuth = true, string hash = "sha256")
    {
        var id = NextSerial();
        System.IO.File.WriteAllText(File($"{id}.csr"), csrPem);
        System.IO.File.WriteAllText(File($"{id}.ext"), LeafExtensions(serverAuth, sans: null));
        Run("x509", "-req", "-in", $"{id}.csr", "-CA", "intermediate.pem", "-CAkey", "intermediate.key", "-set_serial", id, "-days", days.ToString(CultureInfo.InvariantCulture),
            $"-{hash}", "-copy_extensions", "copy", "-extfile", $"{id}.ext", "-out", $"{id}.pem");
        return System.IO.File.ReadAllText(File($"{id}.pem"));
    }

    /// <summary>Makes a key and a server certificate for <paramref name="commonName"/>; returns the paths of both (key in PKCS#8 PEM).</summary>
    public (string CertificatePath, string KeyPath) IssueServer(string commonName, string[]? dnsNames = null, string keySpec = "rsa:2048", bool serverAuth = true, string hash = "sha256")
    {
        var id = NextSerial();
        Run("req", "-new", "-newkey", keySpec, "-nodes", "-keyout", $"{id}.key", "-out", $"{id}.csr", "-subj", $"/CN={commonName}");
        System.IO.File.WriteAllText(File($"{id}.ext"), LeafExtensions(serverAuth, dnsNames ?? [commonName]));
        Run("x509", "-req", "-in", $"{id}.csr", "-CA", "intermediate.pem", "-CAkey", "intermediate.key", "-set_serial", id, "-days", "90", $"-{hash}", "-extfile", $"{id}.ext", "-out", $"{id}.pem");
        return (File($"{id}.pem"), File($"{id}.key"));
    }

    /// <summary>
    /// Makes another CA under <paramref name="issuer"/> (the root when null), valid for <paramref name="days"/> from now;
    /// returns the paths of its certificate and key. Without <paramref name="pathLength"/> it may issue further CAs.
    /// </summary>
    public (string CertificatePath, string KeyPath) IssueIntermediate(string commonName, (string CertificatePath, string KeyPath)? issuer = null, int days = 1825, int? pathLength = null)
    {
        var id = NextSerial();
        var (issuerCertificate, issuerKey) = issuer ?? (RootPath, File("root.key"));
        Run("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", $"{id}.key", "-out", $"{id}.csr", "-subj", $"/C=CA/O={Name} PKI/CN={commonName}");
        System.IO.File.WriteAllText(File($"{id}.ext"), $"basicConstraints=critical,CA:true{(pathLength is null ? string.Empty : $",pathlen:{pathLength}")}\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        Run("x509", "-req", "-in", $"{id}.csr", "-CA", issuerCertificate, "-CAkey", issuerKey, "-set_serial", id, "-days", days.ToString(CultureInfo.InvariantCulture), "-sha256", "-extfile", $"{id}.ext", "-out", $"{id}.pem");
        return (File($"{id}.pem"), File($"{id}.key"));
    }

    /// <summary>Makes a key and a server certificate for <paramref name="commonName"/> signed by <paramref name="issuer"/> (see <see cref="IssueIntermediate"/>).</summary>
    public (string CertificatePath, string KeyPath) IssueServerBy((string CertificatePath, string KeyPath) issuer, string commonName, int days = 90)
    {
        var id = NextSerial();
        Run("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", $"{id}.key", "-out", $"{id}.csr", "-subj", $"/CN={commonName}");
        System.IO.File.WriteAllText(File($"{id}.ext"), LeafExtensions(serverAuth: true, [commonName]));
        Run("x509", "-req", "-in", $"{id}.csr", "-CA", issuer.CertificatePath, "-CAkey", issuer.KeyPath, "-set_serial", id, "-days", days.ToString(CultureInfo.InvariantCulture), "-sha256", "-extfile", $"{id}.ext", "-out", $"{id}.pem");
        return (File($"{id}.pem"), File($"{id}.key"));
    }

    /// <summary>The intermediate CA's certificate and key paths, to sign with it outside openssl (e.g. chosen validity dates).</summary>
    public (string CertificatePath, string KeyPath) Intermediate => (IntermediatePath, File("intermediate.key"));

    /// <summary>A PKCS#12 file of a certificate, its key and chain, as <c>openssl pkcs12 -export</c> writes it (optionally in the legacy RC2/3DES form).</summary>
    public string ExportPkcs12(string certificatePath, string keyPath, string password, bool legacy = false, bool includeChain = true)
    {
        var output = File($"{NextSerial()}.p12");
        var arguments = new List<string> { "pkcs12", "-export", "-in", certificatePath, "-inkey", keyPath, "-out", output, "-passout", $"pass:{password}" };
        if (includeChain)
        {
            arguments.AddRange(["-certfile", IntermediatePath]);
        }

        if (legacy)
        {
            arguments.Add("-legacy");
        }

        Run([.. arguments]);
        return output;
    }

    /// <summary>A PKCS#7 bundle (.p7b) holding the given certificate files, as <c>openssl crl2pkcs7 -nocrl</c> writes it.</summary>
    public string ExportP7b(bool pem, params string[] certificatePaths)
    {
        var output = File($"{NextSerial()}.p7b");
        var arguments = new List<string> { "crl2pkcs7", "-nocrl", "-out", output, "-outform", pem ? "PEM" : "DER" };
        foreach (var path in certificatePaths)
        {
            arguments.AddRange(["-certfile", path]);
        }

        Run([.. arguments]);
        return output;
    }

    public string Run(params string[] arguments) => OpenSsl.Run(_directory.Path, arguments);

    public void Dispose() => _directory.Dispose();

    private string NextSerial() => Interlocked.Increment(ref _serial).ToString(CultureInfo.InvariantCulture);

    private static string LeafExtensions(bool serverAuth, string[]? sans) =>
        "basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature,keyEncipherment\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
        + "authorityInfoAccess=caIssuers;URI:http://pki.example.test/issuing.cer\n"
        + (serverAuth ? "extendedKeyUsage=serverAuth\n" : "extendedKeyUsage=clientAuth\n")
        + (sans is null ? string.Empty : "subjectAltName=" + string.Join(',', sans.Select(s => System.Net.IPAddress.TryParse(s, out _) ? $"IP:{s}" : $"DNS:{s}")) + "\n");
}
