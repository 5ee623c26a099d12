using CertManager.Benchmarks.Csr;

namespace CertManager.Benchmarks.Import;

/// <summary>Root, intermediate and server certificate made once per benchmark class with the openssl CLI.</summary>
internal sealed class BenchmarkPki : IDisposable
{
    public const string Pkcs12Password = "benchmark-password";

    public BenchmarkPki()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"certmanager-bench-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
        Run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", FileIn("root.key"), "-out", RootPath, "-days", "3650", "-subj", "/CN=Bench Root CA",
            "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        Issue("intermediate", "/CN=Bench Issuing CA", "root", "basicConstraints=critical,CA:true,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n");
        Issue("server", "/CN=bench.example.com", "intermediate",
            "basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:bench.example.com\n");
        File.WriteAllText(BundlePath, File.ReadAllText(ServerPath) + File.ReadAllText(IntermediatePath) + File.ReadAllText(RootPath));
        Run("pkcs12", "-export", "-in", ServerPath, "-inkey", FileIn("server.key"), "-certfile", IntermediatePath, "-out", Pkcs12Path, "-passout", $"pass:{Pkcs12Password}");
    }

    public string Directory { get; }

    public string RootPath => FileIn("root.pem");

    public string IntermediatePath => FileIn("intermediate.pem");

    public string ServerPath => FileIn("server.pem");

    public string BundlePath => FileIn("bundle.pem");

    public string Pkcs12Path => FileIn("server.p12");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private string FileIn(string name) => System.IO.Path.Combine(Directory, name);

    private void Issue(string name, string subject, string issuer, string extensions)
    {
        File.WriteAllText(FileIn($"{name}.ext"), extensions);
        Run("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", FileIn($"{name}.key"), "-out", FileIn($"{name}.csr"), "-subj", subject);
        Run("x509", "-req", "-in", FileIn($"{name}.csr"), "-CA", FileIn($"{issuer}.pem"), "-CAkey", FileIn($"{issuer}.key"), "-set_serial", "0x" + Guid.NewGuid().ToString("N")[..16],
            "-days", "365", "-sha256", "-extfile", FileIn($"{name}.ext"), "-out", FileIn($"{name}.pem"));
    }

    private static void Run(params string[] arguments) => OpenSslProcess.Run(arguments);
}
