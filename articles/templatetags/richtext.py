from django import template

from articles.richtext import render_html

register = template.Library()


@register.filter(name="richtext")
def richtext(value):
    """Clean editor HTML again on output and mark it safe."""
    return render_html(value)
