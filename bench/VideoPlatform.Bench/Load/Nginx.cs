using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Load;

/// <summary>nginx (the Debian package) serving a folder on a loopback port: the static-file baseline.</summary>
public sealed class Nginx : IAsyncDisposable
{
    private readonly Process process;

    private Nginx(Process process, int port)
    {
        this.process = process;
        Base = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Base { get; }

    public IReadOnlyList<int> Pids => ProcessCpu.WithChildren(process.Id);

    public static async Task<Nginx> StartAsync(string root, string prefix)
    {
        var nginx = Processes.Find("nginx") ?? throw new InvalidOperationException("nginx is not installed (apt-get install nginx)");
        var port = FreePorts.One();
        Directory.CreateDirectory(Path.Combine(prefix, "tmp"));
        var conf = Path.Combine(prefix, "nginx.conf");
        // Content types and caching as the Api sends them; sendfile as any production nginx would.
        await File.WriteAllTextAsync(conf, string.Create(CultureInfo.InvariantCulture, $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes auto;
            daemon off;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 1024; }
            http {
              access_log off;
              sendfile on;
              tcp_nopush on;
              keepalive_requests 1000000;
              types { application/vnd.apple.mpegurl m3u8; video/mp4 m4s mp4; image/jpeg jpg; text/vtt vtt; }
              default_type application/octet-stream;
              client_body_temp_path {{prefix}}/tmp/body;
              proxy_temp_path {{prefix}}/tmp/proxy;
              fastcgi_temp_path {{prefix}}/tmp/fastcgi;
              uwsgi_temp_path {{prefix}}/tmp/uwsgi;
              scgi_temp_path {{prefix}}/tmp/scgi;
              server {
                listen 127.0.0.1:{{port}};
                root {{root}};
                location ~ \.m4s$ { add_header Cache-Control "public, max-age=31536000, immutable"; }
                location ~ \.m3u8$ { add_header Cache-Control "public, max-age=10"; }
              }
            }
            """));
        var process = Process.Start(Processes.Info(nginx, ["-p", prefix, "-c", conf, "-e", Path.Combine(prefix, "error.log")]))
            ?? throw new InvalidOperationException("nginx did not start");
        process.StandardInput.Close();
        var server = new Nginx(process, port);
        for (var i = 0; i < 100 && !process.HasExited; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        var errors = process.HasExited ? await process.StandardError.ReadToEndAsync() : "";
        await server.DisposeAsync();
        throw new InvalidOperationException($"nginx did not listen on {port}: {errors}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await Processes.SignalAsync(process.Id, "QUIT");
        }

        await Processes.WaitOrKillAsync(process, TimeSpan.FromSeconds(10));
    }
}
