# Production image: gunicorn serving the newsroom; static files are collected at build time and
# served by WhiteNoise. Configuration comes from the environment (see README).
FROM python:3.11-slim

# Production mode unless the environment says otherwise: an image started without DJANGO_DEBUG
# never shows tracebacks or serves development defaults (development keeps DEBUG on by default).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_DEBUG=0

WORKDIR /app

COPY pyproject.toml README.md ./
# Every package of pyproject.toml's packages.find (newsroom is the bottom layer, demo the top).
COPY newsroom ./newsroom
COPY courts ./courts
COPY articles ./articles
COPY accounts ./accounts
COPY demo ./demo
RUN pip install .

COPY . .
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput

RUN useradd --system --home /app newsroom && mkdir -p /app/media && chown newsroom /app/media
USER newsroom

EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py rebuild_search --missing -v 0 && exec gunicorn newsroom.wsgi:application --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
