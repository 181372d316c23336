"""kiosk.persistence"""
