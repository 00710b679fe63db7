# Production image: gunicorn serves the web app (static files through whitenoise), the same image runs the
# Celery worker and beat (see docker-compose.yml). Configuration comes from the environment (README, "Konfigurasi").
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_DEBUG=0 \
    KINERJA_VAR_DIR=/app/var \
    STATIC_ROOT=/app/staticfiles \
    PORT=8000

WORKDIR /app

RUN groupadd --system --gid 10001 kinerja \
    && useradd --system --uid 10001 --gid kinerja --home-dir /app --shell /usr/sbin/nologin kinerja

# Dependencies first, from the pinned list in pyproject.toml (transitive ones fixed by constraints.txt), so that a code change does not reinstall them.
COPY pyproject.toml constraints.txt ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -c constraints.txt -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .

# Static files are hashed and compressed at build time (whitenoise's manifest storage). The secret below exists
# only for this build step; the container refuses to start without a real DJANGO_SECRET_KEY.
RUN DJANGO_SECRET_KEY=collectstatic-only-not-a-secret ALLOWED_HOSTS=localhost \
        python manage.py collectstatic --noinput \
    && python -m compileall -q kinerja kepegawaian indikator penilaian pelatihan partisipasi laporan \
    && mkdir -p /app/var/media /app/var/beat \
    && chown -R kinerja:kinerja /app/var

USER kinerja
EXPOSE 8000

CMD ["sh", "-c", "exec gunicorn kinerja.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --timeout 60 --access-logfile - --forwarded-allow-ips='*'"]
