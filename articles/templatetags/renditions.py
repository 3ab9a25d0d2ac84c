"""Resized images in templates: ``{% load renditions %}`` then
``<picture><source type="image/webp" srcset="{% srcset photo.image 'photo' 'webp' %}"
sizes="{% sizes 'photo' %}"><img src="{% rendition photo.image 'photo' %}"
srcset="{% srcset photo.image 'photo' %}" sizes="{% sizes 'photo' %}"
{% image_size photo.image %}></picture>``."""

from django import template
from django.utils.html import format_html

from articles import renditions

register = template.Library()


@register.simple_tag
def rendition(image, kind, width=None):
    """The address of a rendition of ``image``: ``width`` wide at most, or the default one."""
    if width:
        return renditions.rendition_url(image, int(width))
    return renditions.default_url(image, kind)


@register.simple_tag
def srcset(image, kind, format="jpeg"):
    """The ``srcset`` of ``image``'s renditions, as JPEGs or (``'webp'``) WebPs."""
    return renditions.srcset(image, kind, format.upper())


@register.simple_tag
def sizes(kind):
    return renditions.SIZES[kind]


@register.simple_tag
def image_size(image):
    """``width="…" height="…"`` of ``image``, so the browser keeps its room before it loads (no
    layout shift); nothing if its size cannot be read."""
    size = renditions.dimensions(image)
    if not size:
        return ""
    return format_html('width="{}" height="{}"', *size)
