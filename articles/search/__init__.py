"""
Article search: ``query`` turns a reader's query into a filter, an order and snippets; ``index``
keeps each article's search document up to date; ``segmentation`` cuts Chinese text into words
(jieba); ``tsvector`` holds the PostgreSQL full-text pieces that degrade on other databases.
"""
