# syntax=docker/dockerfile:1
# Media-pool silo: the only image with FFmpeg. Build from the repository root:
#   docker build -f docker/transcode-silo.Dockerfile -t videoplatform/transcode-silo .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /repo
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt ./
COPY src/ src/
RUN --mount=type=cache,target=/root/.nuget/packages \
    dotnet publish src/TranscodeSilo/VideoPlatform.TranscodeSilo.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# ffmpeg and ffprobe on PATH, where the worker and the ingest look for them.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# HTTP (/healthz, /readyz, /metrics) on 8080; Orleans silo 11111 and gateway 30000; RTMP ingest 1935 (VideoPlatform:Live:RtmpPort).
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080 11111 30000 1935
USER $APP_UID
ENTRYPOINT ["dotnet", "VideoPlatform.TranscodeSilo.dll"]
