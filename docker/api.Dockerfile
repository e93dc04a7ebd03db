# syntax=docker/dockerfile:1
# The Api. Build from the repository root: docker build -f docker/api.Dockerfile -t videoplatform/api .
# The web app (web/): vite's output goes into the Api's wwwroot (src/Api/WebApp.targets publishes web/dist).
FROM node:20-bookworm-slim AS web
WORKDIR /repo/web
COPY web/package.json web/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund --loglevel=error
COPY web/ ./
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /repo
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt ./
COPY src/ src/
COPY --from=web /repo/web/dist web/dist/
# The SDK image has no Node: the app was built above.
RUN --mount=type=cache,target=/root/.nuget/packages \
    dotnet publish src/Api/VideoPlatform.Api.csproj -c Release -o /app --nologo -p:SkipWebApp=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# HTTP (the API, uploads, playback, /healthz, /readyz) on 8080.
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "VideoPlatform.Api.dll"]
